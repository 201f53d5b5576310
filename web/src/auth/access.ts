import type { Perfil, SessionUser } from '../api/auth';

/** Who may open a page: the module must be enabled, and the perfil listed when a list is given. */
export interface AccessRule {
  module?: string;
  perfis?: readonly Perfil[];
}

export interface NavItem extends AccessRule {
  to: string;
  label: string;
}

export interface NavSection {
  label: string;
  items: NavItem[];
}

export const PERFIL_LABELS: Record<Perfil, string> = {
  ADMINISTRADOR: 'Administrador',
  APROVADOR: 'Aprovador',
  OPERADOR: 'Operador',
};

export const ADMIN_ONLY: AccessRule = { perfis: ['ADMINISTRADOR'] };

export const NAVIGATION: NavSection[] = [
  {
    label: 'Fiados',
    items: [
      { to: '/fiados/clientes', label: 'Clientes', module: 'fiados' },
      { to: '/fiados/quem-me-deve', label: 'Quem me deve', module: 'fiados' },
    ],
  },
  {
    label: 'Robôs (RPA)',
    items: [
      { to: '/rpa/execucoes', label: 'Execuções', module: 'rpa' },
      { to: '/rpa/novo-download', label: 'Novo download', module: 'rpa' },
      { to: '/rpa/envio-sat', label: 'Envio SAT', module: 'rpa' },
    ],
  },
  {
    label: 'Administração',
    items: [{ to: '/usuarios', label: 'Usuários', ...ADMIN_ONLY }],
  },
];

export function canAccess(user: SessionUser, rule: AccessRule): boolean {
  if (rule.module && !user.modules.includes(rule.module)) return false;
  return !rule.perfis || rule.perfis.includes(user.perfil);
}

export function navigationFor(user: SessionUser): NavSection[] {
  return NAVIGATION.map((section) => ({ ...section, items: section.items.filter((item) => canAccess(user, item)) })).filter(
    (section) => section.items.length > 0,
  );
}
