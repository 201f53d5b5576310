import { Outlet } from 'react-router-dom';
import ForbiddenPage from '../pages/ForbiddenPage';
import { canAccess, type AccessRule } from './access';
import { useUser } from './useSession';

/** Route guard: the nested pages, or the 403 page when the user's perfil or modules do not allow them. */
export function Allow(rule: AccessRule) {
  const user = useUser();
  return canAccess(user, rule) ? <Outlet /> : <ForbiddenPage />;
}
