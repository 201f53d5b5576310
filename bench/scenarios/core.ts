import type { Scenario } from '../scenario.js';

export const scenarios: Scenario[] = [
  { name: 'health', group: 'core', requests: () => [{ method: 'GET', path: '/api/v1/health/' }] },
  {
    name: 'me',
    group: 'core',
    requests: (ctx) => [{ method: 'GET', path: '/api/v1/me/', headers: { authorization: `Bearer ${ctx.token}` } }],
  },
  {
    name: 'login',
    group: 'core',
    requests: () => [
      {
        method: 'POST',
        path: '/api/v1/auth/token/',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench@retaguarda.local', password: 'bench-password-123' }),
      },
    ],
  },
];
