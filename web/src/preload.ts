/**
 * A returning user (a session to renew) on a deep link: the shell's code and the page's code are
 * fetched while the session is renewed, instead of one after the other once it is. The lazy routes
 * import the same modules, so they find them loaded.
 */
const PAGES: [RegExp, () => Promise<unknown>][] = [
  [/^\/$/, () => import('./pages/HomePage')],
  [/^\/fiados\/clientes\/?$/, () => import('./pages/fiados/ClientsPage')],
  [/^\/fiados\/clientes\/\d+\/?$/, () => import('./pages/fiados/ClientPage')],
  [/^\/fiados\/quem-me-deve\/?$/, () => import('./pages/fiados/ReceivablesPage')],
  [/^\/rpa\/execucoes\/?$/, () => import('./pages/rpa/JobsPage')],
  [/^\/rpa\/execucoes\/[\w-]+\/?$/, () => import('./pages/rpa/JobPage')],
];

export function preloadCurrentPage(pathname: string): void {
  if (pathname.startsWith('/login')) return;
  void import('./layout/AppLayout');
  PAGES.find(([pattern]) => pattern.test(pathname))?.[1]();
}
