import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { faturasApi, IMPORT_PATH, liveLogPath, uploadFaturaPath } from '../src/api/faturas';
import { startService, type Service } from './support/service';

/** `/processos/{id}` and `/processos/{processo_id}` are the same route: only the parameter's place matters. */
const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

// The faturas endpoints are checked here (src/api/index.ts, which the shared contract test reads, is
// not the faturas console's file to change).
describe('contrato: as páginas de faturas só chamam rotas que o serviço publica', () => {
  let service: Service;
  let routes: Set<string>;
  before(async () => {
    service = await startService({ MODULES: 'rpa,faturas' });
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    routes = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${shape(path)}`)),
    );
  });
  after(() => service?.stop());

  it('cada método + caminho de faturasApi existe em /openapi.json', () => {
    const missing = Object.entries(faturasApi)
      .filter(([, endpoint]) => !routes.has(`${endpoint.method} ${shape(endpoint.path)}`))
      .map(([name, endpoint]) => `${name}: ${endpoint.method} ${endpoint.path}`);
    assert.deepEqual(missing, [], `rotas ausentes no serviço:\n${missing.join('\n')}`);
  });

  it('importação, upload da fatura e log ao vivo também', () => {
    const others = [
      ['POST', IMPORT_PATH],
      ['POST', shape(uploadFaturaPath('{id}'))],
      ['GET', shape(liveLogPath('{job_id}'))],
    ];
    const missing = others.filter(([method, path]) => !routes.has(`${method} ${shape(decodeURIComponent(path!))}`));
    assert.deepEqual(missing, []);
  });
});
