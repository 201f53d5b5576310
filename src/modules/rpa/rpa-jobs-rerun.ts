import type { Kysely } from 'kysely';
import type { SecretBox } from '../../core/crypto/secrets.js';
import { conflict, unprocessable } from '../../core/http/errors.js';
import type { CoreTables } from '../../core/db/tables.js';
import type { JobTables } from '../../core/jobs/jobs.tables.js';
import { operadoraOfKind, SAT } from './rpa.jobs.js';
import { isFinished } from './rpa.presenters.js';
import type { DownloadBody, SatBody } from './rpa.schemas.js';
import type { RpaService } from './rpa.service.js';

export interface RerunDeps {
  service: RpaService;
  /** Core's jobs table, read for one sealed field (see `storedPassword`). */
  db: Kysely<CoreTables & JobTables>;
  secrets: SecretBox;
}

/**
 * The portal password the job was started with. The queue hides sealed fields from every reader
 * (`JobRecord.payload` has none), so a re-run reads the stored payload and opens just that field with
 * the same SecretBox the queue sealed it with; it is never returned or logged.
 */
async function storedPassword({ db, secrets }: RerunDeps, jobId: string): Promise<string | undefined> {
  const row = await db.selectFrom('jobs').select('payload').where('id', '=', jobId).executeTakeFirst();
  const sealed = row ? (JSON.parse(row.payload) as { senha?: { $sealed?: unknown } }).senha?.$sealed : undefined;
  if (typeof sealed !== 'string') return undefined;
  const senha: unknown = JSON.parse(secrets.decrypt(sealed));
  return typeof senha === 'string' ? senha : undefined;
}

/** Starts a finished job again with what it was asked (UiPath's Restart, bull-board's Retry): a new job, same inputs. */
export function createRerun(deps: RerunDeps) {
  const { service } = deps;
  return async function rerun(jobId: string) {
    const job = await service.require(jobId);
    if (!isFinished(job.status)) throw conflict(`Job '${jobId}' ainda está em andamento`);
    const operadora = operadoraOfKind(job.kind)!;
    if (operadora === SAT) return service.createSat(job.payload as SatBody);
    const senha = await storedPassword(deps, jobId);
    if (!senha) throw unprocessable('A senha do portal deste job não está guardada; crie um novo download.');
    return service.createDownload(operadora, { ...(job.payload as Omit<DownloadBody, 'senha'>), senha });
  };
}
