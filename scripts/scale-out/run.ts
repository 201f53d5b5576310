// `npm run test:scale-out`: the documented scale-out topology as one test. One ROLE=api node and two
// ROLE=worker nodes on PostgreSQL + Redis (BullMQ) + S3 (s3rver); fiados and rpa flows go through the
// api node while the robots run on the workers against the sandbox portals (RPA_SANDBOX). One worker
// is SIGKILLed during a burst of jobs; every job must still end, its updates must reach the api
// node's SSE and WebSocket clients, and each invoice must be in the bucket. deploy/compose.yaml runs
// the same topology with the same variables.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import pg from 'pg';
import { createS3Client } from '../../src/core/storage/index.js';
import { SANDBOX_ACCOUNTS, SANDBOX_CREDENTIALS } from '../../src/sandbox/portal-sandbox.js';
import { lastStatuses, openSse, openWs } from './clients.js';
import { BUCKET, Cleanup, descendants, freshRedis, freshSchema, killNode, S3_KEYS, startNode, startS3, tail, tempDir, type Node } from './cluster.js';

const DEADLINE_MS = Number(process.env.SCALE_OUT_TIMEOUT_SECONDS ?? 420) * 1000;
const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'];
const OPERADORAS = ['OI', 'VIVO', 'EMBRATEL', 'DIGITALNET'];
const ADMIN = { email: 'admin@scale-out.local', password: randomBytes(12).toString('base64url') };

const cleanup = new Cleanup();
const nodes: Node[] = [];
const started = Date.now();

function step(message: string): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`tempo esgotado esperando: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const dir = tempDir(cleanup);
  const databaseUrl = await freshSchema(
    process.env.SCALE_OUT_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    cleanup,
  );
  const redisUrl = await freshRedis(process.env.SCALE_OUT_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', cleanup);
  fs.mkdirSync(`${dir}/s3`);
  const s3 = await startS3(`${dir}/s3`, cleanup);
  step(`PostgreSQL ${databaseUrl.replace(/\?.*/, '')} (schema novo), Redis ${redisUrl}, S3 ${s3.endpoint}/${BUCKET}`);

  // The variables of deploy/compose.yaml; each node also gets its own PORT and DATA_DIR.
  const shared = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    STORAGE_URL: s3.storageUrl,
    S3_ACCESS_KEY: S3_KEYS.accessKey,
    S3_SECRET_KEY: S3_KEYS.secretKey,
    SECRET_KEY: randomBytes(32).toString('base64url'),
    RPA_SANDBOX: 'true',
    // No processo API in this topology: the callback fails fast and the job still ends.
    PROCESSO_API_URL: 'http://127.0.0.1:9',
    WEB_DIST: `${dir}/sem-console`,
  };
  const start = (name: string, env: Record<string, string>) => {
    fs.mkdirSync(`${dir}/${name}`);
    return startNode(name, { ...shared, DATA_DIR: `${dir}/${name}`, ...env }, dir, cleanup);
  };
  nodes.push(await start('api', { ROLE: 'api', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }));
  nodes.push(...(await Promise.all([start('worker-1', { ROLE: 'worker' }), start('worker-2', { ROLE: 'worker' })])));
  const api = nodes[0]!;
  step(`api ${api.url}, workers ${nodes[1]!.url} e ${nodes[2]!.url}`);

  const login = await fetch(`${api.url}/api/v1/auth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN.email, password: ADMIN.password }),
  });
  assert.equal(login.status, 200, 'login no nó api');
  const { access: token } = (await login.json()) as { access: string };
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return JSON.parse(text);
  };

  const sse = await openSse(`${api.url}/events/status?token=${token}`);
  cleanup.add('SSE', () => sse.close());
  const ws = await openWs(`${api.url.replace('http', 'ws')}/ws/notifications?token=${token}`);
  cleanup.add('WebSocket', () => ws.close());

  await fiadosFlow(call);
  step('fiados: 10 clientes, compras e pagamentos pelo nó api, lidos de volta no PostgreSQL');

  // A burst of distinct robot jobs (carrier × account × month), each followed over the WebSocket.
  const month = (back: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - back);
    return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const jobIds: string[] = [];
  for (const operadora of OPERADORAS) {
    for (const account of SANDBOX_ACCOUNTS) {
      for (const back of [1, 2]) {
        const body = { ...SANDBOX_CREDENTIALS, filtro: account.filtro, cnpj: account.cnpj, competencia: month(back) };
        const created = (await call('POST', `/executar/${operadora}`, body)) as { job_id: string };
        jobIds.push(created.job_id);
        ws.subscribe(created.job_id);
      }
    }
  }
  step(`rpa: ${jobIds.length} jobs criados pelo nó api`);

  const statuses = async () => {
    const list = (await call('GET', '/jobs?limit=1000')) as { jobs: Array<{ job_id: string; status: string }> };
    return new Map(list.jobs.map((j) => [j.job_id, j.status]));
  };
  // The victim is a worker with a robot's page open (a Chromium renderer below it) right now.
  const workers = nodes.slice(1);
  const victim = await until('um worker com um robô rodando', () =>
    workers.find((worker) => descendants(worker.child.pid!).some((d) => d.cmdline.includes('--type=renderer'))),
  );
  const before = await statuses();
  const orphans = await killNode(victim);
  step(
    `SIGKILL em ${victim.name} (robô em andamento; ${orphans} processos do Chromium dele encerrados) com ` +
      `${jobIds.filter((id) => before.get(id) === 'RUNNING').length} jobs rodando e ${jobIds.filter((id) => before.get(id) === 'COMPLETED').length} concluídos no cluster`,
  );

  const final = await until(
    'todos os jobs terminarem',
    async () => {
      const now = await statuses();
      return jobIds.every((id) => FINISHED.includes(now.get(id) ?? '')) ? now : undefined;
    },
    DEADLINE_MS - (Date.now() - started) - 30_000,
  );
  const counts = jobIds.reduce<Record<string, number>>((acc, id) => ({ ...acc, [final.get(id)!]: (acc[final.get(id)!] ?? 0) + 1 }), {});
  step(`jobs terminados: ${JSON.stringify(counts)}`);
  assert.deepEqual(counts, { COMPLETED: jobIds.length }, "every robot job completes, the killed worker's ones on the other worker");
  const rerun = await attemptsAbove(databaseUrl, jobIds, 1);
  assert.ok(rerun.length > 0, 'a job the killed worker was running ran again elsewhere');
  step(`${rerun.length} job(s) interrompido(s) pelo SIGKILL rodaram de novo no outro worker: ${rerun.join(', ')}`);

  // The last update reaches the api node's clients through Redis pub/sub a moment after the row.
  for (const [name, client] of [['SSE', sse], ['WebSocket', ws]] as const) {
    await until(`${name}: o status final de cada job`, () => {
      const seen = lastStatuses(client.messages);
      return jobIds.every((id) => seen.get(id) === 'COMPLETED') ? true : undefined;
    }, 15_000);
  }
  step('SSE e WebSocket do nó api receberam o COMPLETED de cada job');

  const storage = createS3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, ...S3_KEYS });
  cleanup.add('cliente S3', () => storage.destroy());
  for (const id of jobIds) {
    const job = (await call('GET', `/status/${id}`)) as { result: string };
    const head = await storage.send(new HeadObjectCommand({ Bucket: BUCKET, Key: job.result }));
    assert.ok((head.ContentLength ?? 0) > 0, `fatura de ${id} no bucket`);
    const pdf = await fetch(`${api.url}/jobs/${id}/result`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(pdf.status, 200);
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString(), '%PDF', `GET /jobs/${id}/result serve o PDF do bucket`);
  }
  step(`${jobIds.length} faturas no bucket ${BUCKET}, servidas pelo nó api`);
}

/** Jobs claimed more than `times` times: those a dead worker held, run again after their lease ran out. */
async function attemptsAbove(databaseUrl: string, ids: string[], times: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('select id from jobs where id = any($1) and attempt > $2', [ids, times]);
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

/** Clients, purchases and payments created through the api node, then read back with their totals. */
async function fiadosFlow(call: (method: string, path: string, body?: unknown) => Promise<any>): Promise<void> {
  await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const { client } = await call('POST', '/clients/', { name: `Cliente escala ${i}`, nickname: `escala${i}` });
      const { purchase } = await call('POST', `/purchases/${client.id}`, { description: `Compra ${i}`, total_value: 150.75 });
      await call('POST', `/purchases/${purchase.id}/payments/`, { amount: 50.25, payment_date: Math.floor(Date.now() / 1000), method: 'pix', description: 'Entrada' });
      const read = (await call('GET', `/purchases/${purchase.id}`)) as { purchase?: { total_paid_value: number }; total_paid_value?: number };
      assert.equal((read.purchase ?? read).total_paid_value, 50.25, 'o pagamento aparece na compra');
    }),
  );
}

const deadline = setTimeout(() => {
  console.error(`test:scale-out: passou de ${DEADLINE_MS / 1000} s`);
  void finish(1);
}, DEADLINE_MS);

let finishing = false;
async function finish(code: number): Promise<void> {
  if (finishing) return;
  finishing = true;
  clearTimeout(deadline);
  if (code !== 0) for (const node of nodes) console.error(`\n--- ${node.name} (últimas linhas) ---\n${tail(node.log)}`);
  await cleanup.run();
  process.exit(code);
}
process.on('SIGINT', () => void finish(130));
process.on('SIGTERM', () => void finish(143));

main().then(
  () => {
    step('test:scale-out: ok');
    return finish(0);
  },
  (error: unknown) => {
    console.error(`test:scale-out falhou: ${(error as Error).stack ?? String(error)}`);
    return finish(1);
  },
);
