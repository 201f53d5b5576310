import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { allEndpoints } from '../src/api/index';
import { startService, type Service } from './support/service';

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

/** `/clients/{client_id}` and `/clients/{id}` are the same route: only the parameter's place matters. */
const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

describe('contrato: o console só chama rotas que o serviço publica', () => {
  let service: Service;
  let routes: Set<string>;
  before(async () => {
    service = await startService();
    const response = await fetch(`${service.url}/openapi.json`);
    assert.equal(response.status, 200, 'GET /openapi.json');
    const document = (await response.json()) as OpenApiDocument;
    routes = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${shape(path)}`),
      ),
    );
  });
  after(() => service?.stop());

  for (const [group, endpoints] of Object.entries(allEndpoints)) {
    it(`${group}: cada método + caminho existe em /openapi.json`, () => {
      const missing = Object.entries(endpoints)
        .filter(([, endpoint]) => !routes.has(`${endpoint.method} ${shape(endpoint.path)}`))
        .map(([name, endpoint]) => `${name}: ${endpoint.method} ${endpoint.path}`);
      assert.deepEqual(missing, [], `rotas ausentes no serviço:\n${missing.join('\n')}`);
    });
  }
});
