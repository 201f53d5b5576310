import { lazy } from 'react';
import { Navigate, useParams, type RouteObject } from 'react-router-dom';
import type { SessionUser } from '../../api/auth';
import { canAccess, type NavSection } from '../../auth/access';
import { Allow } from '../../auth/Allow';

// Each faturas page is its own chunk, loaded on demand: none of it reaches /login.
const FaturasHomePage = lazy(() => import('./FaturasHomePage'));
const ProcessosPage = lazy(() => import('./ProcessosPage'));
const ProcessoPage = lazy(() => import('./ProcessoPage'));
const ClientesPage = lazy(() => import('./ClientesPage'));
const OperadorasPage = lazy(() => import('./OperadorasPage'));
const ExecucoesPage = lazy(() => import('./ExecucoesPage'));
const ExecucaoPage = lazy(() => import('./ExecucaoPage'));
const AgendamentosPage = lazy(() => import('./AgendamentosPage'));
const NotificacoesPage = lazy(() => import('./NotificacoesPage'));

/** The original's address of a processo (`/processos/visualizar/{id}`) opens the same page. */
function LegacyProcesso() {
  return <Navigate to={`/faturas/processos/${useParams().id ?? ''}`} replace />;
}

export const faturasRoutes: RouteObject[] = [
  {
    path: 'faturas',
    element: <Allow module="faturas" />,
    children: [
      { index: true, element: <Navigate to="painel" replace /> },
      { path: 'painel', element: <FaturasHomePage /> },
      { path: 'processos', element: <ProcessosPage /> },
      { path: 'processos/:id', element: <ProcessoPage /> },
      { path: 'clientes', element: <ClientesPage /> },
      { path: 'operadoras', element: <OperadorasPage /> },
      { path: 'execucoes', element: <ExecucoesPage /> },
      { path: 'execucoes/:id', element: <ExecucaoPage /> },
      { path: 'agendamentos', element: <AgendamentosPage /> },
      { path: 'notificacoes', element: <NotificacoesPage /> },
    ],
  },
  { path: 'processos/visualizar/:id', element: <LegacyProcesso /> },
];

const FATURAS_NAV: NavSection = {
  label: 'Faturas',
  items: [
    { to: '/faturas/painel', label: 'Painel', module: 'faturas' },
    { to: '/faturas/processos', label: 'Processos', module: 'faturas' },
    { to: '/faturas/clientes', label: 'Clientes', module: 'faturas' },
    { to: '/faturas/operadoras', label: 'Operadoras', module: 'faturas' },
    { to: '/faturas/execucoes', label: 'Execuções', module: 'faturas' },
    { to: '/faturas/agendamentos', label: 'Agendamentos', module: 'faturas' },
  ],
};

/** The menu with the faturas section placed before the administration one. */
export function withFaturas(sections: NavSection[], user: SessionUser): NavSection[] {
  const items = FATURAS_NAV.items.filter((item) => canAccess(user, item));
  if (items.length === 0) return sections;
  const admin = sections.findIndex((section) => section.label === 'Administração');
  const at = admin < 0 ? sections.length : admin;
  return [...sections.slice(0, at), { ...FATURAS_NAV, items }, ...sections.slice(at)];
}
