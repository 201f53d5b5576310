import NodeWebSocket from 'ws';

/**
 * The browser the seed's frontend code expects, in a Node process of its own: localStorage holding
 * the token a user would have stored, window.location, a WebSocket (the `ws` package) that reaches
 * the service under test where the seed hard-codes localhost:8000, and timers running 20× faster
 * so its 2 s and 5 s polling waits take a fraction of that.
 */
const api = new URL(process.env.REACT_APP_API_URL ?? 'http://localhost:8000');
export const TIME_SCALE = 20;

const items = new Map<string, string>();
const localStorage = {
  getItem: (key: string) => items.get(key) ?? null,
  setItem: (key: string, value: string) => void items.set(key, String(value)),
  removeItem: (key: string) => void items.delete(key),
  clear: () => items.clear(),
};
localStorage.setItem('jwt_token', process.env.SEED_JWT_TOKEN ?? '');

class BrowserWebSocket extends NodeWebSocket {
  constructor(address: string, protocols?: string | string[]) {
    const url = new URL(address);
    if (url.host === 'localhost:8000') url.host = api.host;
    super(url, protocols);
  }
}

const realSetTimeout = globalThis.setTimeout;
const fastSetTimeout = (callback: (...args: unknown[]) => void, ms = 0, ...args: unknown[]) =>
  realSetTimeout(callback, ms / TIME_SCALE, ...args);

Object.assign(globalThis, {
  localStorage,
  window: { location: { href: 'http://localhost:3000/' } },
  WebSocket: BrowserWebSocket,
  setTimeout: fastSetTimeout,
});
