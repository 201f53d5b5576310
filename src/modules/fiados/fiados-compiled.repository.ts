import type { CompiledQuery, Compilable } from 'kysely';
import { isPostgres } from '../../core/db/schema-helpers.js';
import type { FiadosExecutor } from './fiados.tables.js';

/** Marks a parameter of a template; no real value starts with a NUL. */
const SLOT = '\u0000slot:';

/** Names a parameter while a template is built; its value comes from the call. */
export type Slot = (name: string) => never;

interface Template<Row> {
  compiled: CompiledQuery<Row>;
  /** Per parameter position: the slot it takes its value from, or undefined for a constant. */
  slots: Array<string | undefined>;
}

/**
 * A query compiled once per dialect, then run with each call's values. Kysely builds, freezes and
 * compiles a query tree on every call, a few per cent of the CPU of a keyed read or a one-row insert;
 * the hottest fiados queries skip that. The template is an ordinary Kysely query whose values are
 * named slots, so each call's values land where Kysely itself put them.
 */
export function compiledQuery<Row>(build: (db: FiadosExecutor, slot: Slot) => Compilable<Row>) {
  const templates = new Map<boolean, Template<Row>>();
  const slot = ((name: string) => `${SLOT}${name}`) as Slot;
  return async (db: FiadosExecutor, values: Record<string, unknown>): Promise<Row[]> => {
    const postgres = isPostgres(db);
    let template = templates.get(postgres);
    if (!template) {
      const compiled = build(db, slot).compile();
      const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(SLOT) ? p.slice(SLOT.length) : undefined));
      template = { compiled, slots };
      templates.set(postgres, template);
    }
    const { compiled, slots } = template;
    const parameters = slots.map((name, i) => (name === undefined ? compiled.parameters[i] : values[name]));
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}
