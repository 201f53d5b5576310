import { authApi, type Credentials, type SessionReply, type SessionUser } from '../api/auth';
import { installAuthHooks, send } from '../api/http';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'authenticated'; user: SessionUser };

/** Renew this long before the access token's `exp`, so calls never carry an expired token. */
const RENEW_AHEAD_MS = 30_000;
const MIN_RENEW_DELAY_MS = 5_000;
/**
 * Remembers only that this browser had a session (never a token), so a failed silent login can
 * say "your session expired" to someone who was signed in, and nothing to a first visit.
 */
const HINT_KEY = 'retaguarda.sessao';

let state: SessionState = { status: 'loading' };
let accessToken: string | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  listeners.forEach((listener) => listener());
}

function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

function establish(reply: SessionReply): void {
  accessToken = reply.access;
  localStorage.setItem(HINT_KEY, '1');
  clearTimeout(renewTimer);
  const expiry = expiryOf(reply.access);
  if (expiry !== null) {
    const delay = Math.max(MIN_RENEW_DELAY_MS, expiry - Date.now() - RENEW_AHEAD_MS);
    renewTimer = setTimeout(() => void renew(), delay);
  }
  setState({ status: 'authenticated', user: reply.user });
}

function end(expired: boolean): void {
  accessToken = null;
  clearTimeout(renewTimer);
  if (!expired) localStorage.removeItem(HINT_KEY);
  setState({ status: 'anonymous', expired });
}

/** Asks for a new access token with the refresh cookie; concurrent callers share one request. */
function renew(): Promise<boolean> {
  renewing ??= send(authApi.refresh)
    .then((reply) => {
      establish(reply);
      return true;
    })
    .catch(() => {
      end(state.status === 'authenticated' || localStorage.getItem(HINT_KEY) !== null);
      return false;
    })
    .finally(() => {
      renewing = null;
    });
  return renewing;
}

installAuthHooks({ accessToken: () => accessToken, renew });

export const session = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getState: (): SessionState => state,
  /** This browser was signed in before (it will try to renew the session). */
  hadSession: (): boolean => localStorage.getItem(HINT_KEY) !== null,
  accessToken: (): string | null => accessToken,
  /**
   * Silent login on app load, from the refresh cookie. A browser that never signed in (or signed
   * out) has no cookie to try: asking anyway would only print a red 401 in its console.
   */
  start: (): Promise<boolean> => {
    if (localStorage.getItem(HINT_KEY) === null) {
      end(false);
      return Promise.resolve(false);
    }
    return renew();
  },
  async login(credentials: Credentials): Promise<void> {
    establish(await send(authApi.login, { body: credentials }));
  },
  async logout(): Promise<void> {
    try {
      await send(authApi.logout);
    } finally {
      end(false);
    }
  },
};
