import { authApi } from './auth';
import type { AnyEndpoint } from './endpoint';
import { fiadosApi } from './fiados';
import { rpaApi } from './rpa';
import { usersApi } from './users';

/** Every endpoint the console calls, by group: the contract test checks each against /openapi.json. */
export const allEndpoints: Record<string, Record<string, AnyEndpoint>> = {
  auth: authApi,
  users: usersApi,
  fiados: fiadosApi,
  rpa: rpaApi,
};
