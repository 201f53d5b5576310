/** Encrypts secret payload fields at rest; `SecretBox` from core/crypto fits. */
export interface Sealer {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
}

type Json = Record<string, unknown>;
const SEALED = '$sealed';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSealed(value: unknown): value is { [SEALED]: string } {
  return isObject(value) && typeof value[SEALED] === 'string' && Object.keys(value).length === 1;
}

/** Calls `fn` on the object holding the last segment of `path`, if every step exists. */
function atPath(payload: Json, path: string, fn: (holder: Json, key: string) => void): void {
  const segments = path.split('.');
  let holder: unknown = payload;
  for (const segment of segments.slice(0, -1)) {
    holder = isObject(holder) ? holder[segment] : undefined;
  }
  const key = segments[segments.length - 1];
  if (isObject(holder) && holder[key] !== undefined) fn(holder, key);
}

/**
 * Where `path` ends in `root`, with every object on the way copied (and put in place of the original
 * in `root`), so the holder can be changed without touching the caller's objects; undefined when a
 * step is missing.
 */
function copiedHolder(root: Json, path: string): { holder: Json; key: string } | undefined {
  const segments = path.split('.');
  let holder = root;
  for (const segment of segments.slice(0, -1)) {
    const next = holder[segment];
    if (!isObject(next)) return undefined;
    holder = holder[segment] = { ...next };
  }
  return { holder, key: segments[segments.length - 1]! };
}

/** A copy of `payload` whose secret fields hold `{ $sealed: … }` instead of their values. */
export function sealSecrets(payload: Json, fields: readonly string[], sealer: Sealer | undefined): Json {
  if (fields.length === 0) return payload;
  if (!sealer) throw new Error('Campos secretos exigem um sealer na fila de jobs');
  const copy = { ...payload };
  for (const field of fields) {
    const at = copiedHolder(copy, field);
    if (at && at.holder[at.key] !== undefined) at.holder[at.key] = { [SEALED]: sealer.encrypt(JSON.stringify(at.holder[at.key])) };
  }
  return copy;
}

/** A copy of a plain payload without its secret fields: what `stripSecrets` leaves of its sealed form. */
export function withoutSecrets(payload: Json, fields: readonly string[]): Json {
  const copy = { ...payload };
  for (const field of fields) {
    const at = copiedHolder(copy, field);
    if (at) delete at.holder[at.key];
  }
  return copy;
}

/** The payload a handler sees: sealed fields decrypted in place. */
export function openSecrets(payload: Json, fields: readonly string[], sealer: Sealer | undefined): Json {
  for (const field of fields) {
    atPath(payload, field, (holder, key) => {
      const value = holder[key];
      if (isSealed(value) && sealer) holder[key] = JSON.parse(sealer.decrypt(value[SEALED]));
    });
  }
  return payload;
}

/** The payload anyone else sees: sealed fields removed, wherever they are. */
export function stripSecrets(payload: Json): Json {
  for (const [key, value] of Object.entries(payload)) {
    if (isSealed(value)) delete payload[key];
    else if (isObject(value)) stripSecrets(value);
  }
  return payload;
}

/** The plaintext values of a job's secrets, so they can be masked out of its logs and errors. */
export function secretValues(payload: Json, fields: readonly string[]): string[] {
  const values: string[] = [];
  for (const field of fields) {
    atPath(payload, field, (holder, key) => {
      const text = typeof holder[key] === 'string' ? (holder[key] as string) : JSON.stringify(holder[key]);
      // Masking a one- or two-character secret would garble every message; such secrets are not protected.
      if (text.length >= 3) values.push(text);
    });
  }
  return values;
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join('***');
  return masked;
}
