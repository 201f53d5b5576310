import { useSyncExternalStore } from 'react';
import type { SessionUser } from '../api/auth';
import { session, type SessionState } from './session';

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useUser(): SessionUser {
  const state = useSession();
  if (state.status !== 'authenticated') throw new Error('useUser fora de uma área autenticada');
  return state.user;
}
