import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { FullPageLoader } from '../components/FullPageLoader';
import { useSession } from './useSession';

/** Lets signed-in users through; sends everyone else to /login, remembering where they were going. */
export function RequireAuth() {
  const state = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'anonymous') {
    const here = location.pathname + location.search;
    const target = here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
    return <Navigate to={target} replace />;
  }
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Outlet />
    </Suspense>
  );
}
