import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import type { SessionUser } from '../../api/auth';
import { canAccess, type NavSection } from '../../auth/access';
import { Allow } from '../../auth/Allow';

const WhatsAppPage = lazy(() => import('./WhatsAppPage'));
const ConfigPage = lazy(() => import('./ConfigPage'));

export const atendimentoRoutes: RouteObject[] = [
  {
    path: 'atendimento',
    element: <Allow module="atendimento" />,
    children: [
      { index: true, element: <Navigate to="whatsapp" replace /> },
      { path: 'whatsapp', element: <WhatsAppPage /> },
      { path: 'configuracao', element: <ConfigPage /> },
    ],
  },
];

const ATENDIMENTO_NAV: NavSection = {
  label: 'Atendimento',
  items: [
    { to: '/atendimento/whatsapp', label: 'Conexão WhatsApp', module: 'atendimento' },
    { to: '/atendimento/configuracao', label: 'Configuração', module: 'atendimento' },
  ],
};

/** The menu with the atendimento section placed before the administration one. */
export function withAtendimento(sections: NavSection[], user: SessionUser): NavSection[] {
  const items = ATENDIMENTO_NAV.items.filter((item) => canAccess(user, item));
  if (items.length === 0 || sections.some((section) => section.label === ATENDIMENTO_NAV.label)) return sections;
  const admin = sections.findIndex((section) => section.label === 'Administração');
  const at = admin < 0 ? sections.length : admin;
  return [...sections.slice(0, at), { ...ATENDIMENTO_NAV, items }, ...sections.slice(at)];
}
