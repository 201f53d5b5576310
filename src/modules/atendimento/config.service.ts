import type { SecretBox } from '../../core/crypto/secrets.js';
import { isValidCnpj, stripDocument } from '../../core/brazil/index.js';
import { isPostgres } from '../../core/db/schema-helpers.js';
import { AppError, type FieldIssue } from '../../core/http/errors.js';
import type { AtendimentoDb } from './atendimento.tables.js';
import { DEFAULTS } from './config.defaults.js';
import * as repo from './config.repository.js';
import type { Static } from 'typebox';
import { SECTIONS, type ConfigReply, type SectionKey, type SectionName } from './config.schemas.js';

export const MASK = '***';
type Section = Record<string, unknown>;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The Cloud API credentials of the whatsapp section, decrypted (for the driver and the webhook only). */
export interface CloudCredentials {
  phoneNumberId: string;
  apiVersion: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

const invalid = (issues: FieldIssue[]) => new AppError(400, issues[0]!.msg, { issues });

/** Rules a schema cannot say; each problem names its field (`company_data.cnpj` in a PUT). */
function check(name: SectionName, changes: Section, prefix: string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const at = (field: string, msg: string) => issues.push({ loc: ['body', ...prefix, field], msg, type: 'invalid' });
  if (name === 'company') {
    if (changes.cnpj !== undefined && !isValidCnpj(String(changes.cnpj))) at('cnpj', 'CNPJ inválido');
    if (changes.email && !EMAIL.test(String(changes.email))) at('email', 'Informe um endereço de email válido.');
  }
  if (name === 'email' && changes.email_from && !EMAIL.test(String(changes.email_from))) at('email_from', 'Informe um endereço de email válido.');
  if (name === 'whatsapp' && changes.proxy_url && changes.proxy_url !== MASK && !/^(https?|socks5?):\/\/[^\s]+$/.test(String(changes.proxy_url))) {
    at('proxy_url', 'Informe uma URL válida.');
  }
  return issues;
}

/**
 * The one settings record of seed 002, by section. Secrets are sealed with core's SecretBox and shown
 * as "***"; a PATCH that sends "***" back keeps the stored value, "" clears it.
 */
export function createConfigService(deps: { db: AtendimentoDb; secrets: SecretBox }) {
  const { db, secrets } = deps;
  const postgres = isPostgres(db);

  function stored(row: repo.ConfigRow | undefined, key: SectionKey): Section {
    const saved = row ? (JSON.parse(row[key]) as Section) : {};
    const defaults = DEFAULTS[key]!;
    const merged: Section = { ...defaults, ...saved };
    if (key === 'company_data') merged.endereco = { ...(defaults.endereco as Section), ...(saved.endereco as Section | undefined) };
    return merged;
  }

  function masked(name: SectionName, section: Section): Section {
    const out = { ...section };
    for (const field of SECTIONS[name].secrets) out[field] = out[field] ? MASK : '';
    return out;
  }

  /** Known fields only (the schema's), secrets sealed, "***" keeping what was there. */
  function merge(name: SectionName, current: Section, changes: Section): Section {
    const { schema, secrets: secretFields } = SECTIONS[name];
    const next = { ...current };
    for (const field of Object.keys(schema.properties)) {
      if (!(field in changes)) continue;
      let value = changes[field];
      if ((secretFields as readonly string[]).includes(field)) {
        if (value === MASK) continue;
        value = value ? secrets.encrypt(String(value)) : '';
      }
      if (name === 'company' && field === 'cnpj') value = stripDocument(String(value));
      if (name === 'company' && field === 'endereco') value = { ...(current.endereco as Section), ...(value as Section) };
      if (field === 'endereco' && typeof (value as Section).uf === 'string') (value as Section).uf = String((value as Section).uf).toUpperCase();
      next[field] = value;
    }
    return next;
  }

  async function apply(changes: Partial<Record<SectionName, Section>>, nested: boolean): Promise<repo.ConfigRow> {
    const issues = (Object.entries(changes) as [SectionName, Section][]).flatMap(([name, body]) => check(name, body, nested ? [SECTIONS[name].key] : []));
    if (issues.length > 0) throw invalid(issues);
    await repo.ensureConfig(db);
    await db.transaction().execute(async (trx) => {
      const row = await repo.lockConfig(trx, postgres);
      const writes: Partial<Record<SectionKey, string>> = {};
      for (const [name, body] of Object.entries(changes) as [SectionName, Section][]) {
        const key = SECTIONS[name].key;
        writes[key] = JSON.stringify(merge(name, stored(row, key), body));
      }
      await repo.writeSections(trx, writes);
    });
    return (await repo.readConfig(db))!;
  }

  function present(row: repo.ConfigRow | undefined): Static<typeof ConfigReply> {
    const now = new Date().toISOString();
    const sections = Object.fromEntries((Object.keys(SECTIONS) as SectionName[]).map((name) => [SECTIONS[name].key, masked(name, stored(row, SECTIONS[name].key))]));
    // Each section is its schema's shape: the stored one over the defaults, secrets masked.
    return {
      id: 1,
      ...(sections as Omit<Static<typeof ConfigReply>, 'id' | 'created_at' | 'updated_at'>),
      created_at: row ? new Date(Number(row.created_at)).toISOString() : now,
      updated_at: row ? new Date(Number(row.updated_at)).toISOString() : now,
    };
  }

  const open = (value: unknown) => (value ? secrets.decrypt(String(value)) : '');

  return {
    get: async () => present(await repo.readConfig(db)),

    section: async (name: SectionName) => masked(name, stored(await repo.readConfig(db), SECTIONS[name].key)),

    async patch(name: SectionName, changes: Section): Promise<Section> {
      const row = await apply({ [name]: changes }, false);
      return masked(name, stored(row, SECTIONS[name].key));
    },

    /** PUT merges the sections it is given and validates only those. */
    async put(changes: Partial<Record<SectionName, Section>>) {
      return present(await apply(changes, true));
    },

    async cloudCredentials(): Promise<CloudCredentials> {
      const section = stored(await repo.readConfig(db), 'whatsapp_settings');
      return {
        phoneNumberId: String(section.phone_number_id ?? ''),
        apiVersion: String(section.api_version || 'v23.0'),
        accessToken: open(section.access_token),
        appSecret: open(section.app_secret),
        verifyToken: open(section.verify_token),
      };
    },

    /** Points the appearance at an uploaded file (or none); returns the URL it replaces. */
    async setAppearanceFile(field: 'login_logo_url' | 'favicon_url', url: string): Promise<string> {
      const previous = String(stored(await repo.readConfig(db), 'appearance_settings')[field] ?? '');
      await apply({ appearance: { [field]: url } }, false);
      return previous;
    },

    async emailSettings() {
      const section = stored(await repo.readConfig(db), 'email_settings');
      return { ...section, smtp_senha: open(section.smtp_senha) } as {
        smtp_host: string; smtp_port: number; smtp_usuario: string; smtp_senha: string; smtp_ssl: boolean; email_from: string;
      };
    },
  };
}

export type ConfigService = ReturnType<typeof createConfigService>;
