import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import type { SessionUser } from '../../api/auth';
import { canAccess, type NavSection } from '../../auth/access';
import { Allow } from '../../auth/Allow';

// Each fiscal page is its own chunk, loaded on demand.
const FiscalHomePage = lazy(() => import('./FiscalHomePage'));
const NotasPage = lazy(() => import('./NotasPage'));
const NotaPage = lazy(() => import('./NotaPage'));
const RecebidasPage = lazy(() => import('./RecebidasPage'));
const EmitirNfsePage = lazy(() => import('./EmitirNfsePage'));

export const fiscalRoutes: RouteObject[] = [
  {
    path: 'fiscal',
    element: <Allow module="fiscal" />,
    children: [
      { index: true, element: <Navigate to="painel" replace /> },
      { path: 'painel', element: <FiscalHomePage /> },
      { path: 'notas', element: <NotasPage /> },
      { path: 'notas/:ref', element: <NotaPage /> },
      { path: 'recebidas', element: <RecebidasPage /> },
      { path: 'emitir-nfse', element: <EmitirNfsePage /> },
    ],
  },
];

const FISCAL_NAV: NavSection = {
  label: 'Fiscal',
  items: [
    { to: '/fiscal/painel', label: 'Painel', module: 'fiscal' },
    { to: '/fiscal/notas', label: 'Notas', module: 'fiscal' },
    { to: '/fiscal/recebidas', label: 'NFe recebidas', module: 'fiscal' },
    { to: '/fiscal/emitir-nfse', label: 'Emitir NFSe', module: 'fiscal' },
  ],
};

/** The menu with the fiscal section placed before the administration one. */
export function withFiscal(sections: NavSection[], user: SessionUser): NavSection[] {
  const items = FISCAL_NAV.items.filter((item) => canAccess(user, item));
  if (items.length === 0 || sections.some((section) => section.label === FISCAL_NAV.label)) return sections;
  const admin = sections.findIndex((section) => section.label === 'Administração');
  const at = admin < 0 ? sections.length : admin;
  return [...sections.slice(0, at), { ...FISCAL_NAV, items }, ...sections.slice(at)];
}
