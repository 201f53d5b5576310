import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { ADMIN_ONLY } from './auth/access';
import { Allow } from './auth/Allow';
import { RequireAuth } from './auth/RequireAuth';
import { FullPageLoader } from './components/FullPageLoader';
import { RouteError } from './components/RouteError';
import { faturasRoutes } from './pages/faturas/routes';
import { fiscalRoutes } from './pages/fiscal/routes';
import { atendimentoRoutes } from './pages/atendimento/routes';

// Each page is its own chunk: reaching /login loads only the login page.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const AppLayout = lazy(() => import('./layout/AppLayout'));
const HomePage = lazy(() => import('./pages/HomePage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const ClientsPage = lazy(() => import('./pages/fiados/ClientsPage'));
const ClientPage = lazy(() => import('./pages/fiados/ClientPage'));
const StatementPage = lazy(() => import('./pages/fiados/StatementPage'));
const ReceivablesPage = lazy(() => import('./pages/fiados/ReceivablesPage'));
const JobsPage = lazy(() => import('./pages/rpa/JobsPage'));
const JobPage = lazy(() => import('./pages/rpa/JobPage'));
const DownloadJobPage = lazy(() => import('./pages/rpa/DownloadJobPage'));
const SatJobPage = lazy(() => import('./pages/rpa/SatJobPage'));
const UsersPage = lazy(() => import('./pages/usuarios/UsersPage'));

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageLoader />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'fiados',
            element: <Allow module="fiados" />,
            children: [
              // The module's bare path (typed, bookmarked) opens its first page instead of an empty one.
              { index: true, element: <Navigate to="clientes" replace /> },
              { path: 'clientes', element: <ClientsPage /> },
              { path: 'clientes/:clientId', element: <ClientPage /> },
              { path: 'clientes/:clientId/extrato', element: <StatementPage /> },
              { path: 'quem-me-deve', element: <ReceivablesPage /> },
            ],
          },
          {
            path: 'rpa',
            element: <Allow module="rpa" />,
            children: [
              { index: true, element: <Navigate to="execucoes" replace /> },
              { path: 'execucoes', element: <JobsPage /> },
              { path: 'execucoes/:jobId', element: <JobPage /> },
              { path: 'novo-download', element: <DownloadJobPage /> },
              { path: 'envio-sat', element: <SatJobPage /> },
            ],
          },
          ...faturasRoutes,
          ...fiscalRoutes,
          ...atendimentoRoutes,
          { path: 'usuarios', element: <Allow {...ADMIN_ONLY} />, children: [{ index: true, element: <UsersPage /> }] },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
