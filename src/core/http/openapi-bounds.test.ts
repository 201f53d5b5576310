import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/test-app.js';

type Schema = Record<string, unknown>;

/**
 * Every string without `maxLength` (an `enum`/`const` is bounded by itself, a `format` such as uuid or
 * date-time by its grammar) and every array without `maxItems`, anywhere inside a request schema.
 */
function unbounded(schema: unknown, path: string, components: Record<string, Schema>, seen = new Set<unknown>()): string[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  const s = schema as Schema;
  if (typeof s.$ref === 'string') return unbounded(components[s.$ref.split('/').pop()!], path, components, seen);
  const found: string[] = [];
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const bounded = s.enum !== undefined || s.const !== undefined;
  if (types.includes('string') && !bounded && s.maxLength === undefined && !BOUNDED_FORMATS.has(String(s.format))) found.push(`${path}: string`);
  if (types.includes('array') && s.maxItems === undefined) found.push(`${path}: array`);
  for (const [key, value] of Object.entries((s.properties as Record<string, unknown>) ?? {})) found.push(...unbounded(value, `${path}.${key}`, components, seen));
  if (s.items) found.push(...unbounded(s.items, `${path}[]`, components, seen));
  if (s.additionalProperties && typeof s.additionalProperties === 'object') found.push(...unbounded(s.additionalProperties, `${path}.*`, components, seen));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [n, branch] of ((s[key] as unknown[]) ?? []).entries()) found.push(...unbounded(branch, `${path}<${key}${n}>`, components, seen));
  }
  return found;
}

const BOUNDED_FORMATS = new Set(['uuid', 'date-time', 'date', 'time', 'binary']);

describe('request schemas bound every string and array (walks /openapi.json)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('has no string without maxLength and no array without maxItems in a body, query or path', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const components = (doc.components?.schemas ?? {}) as Record<string, Schema>;
    const found: string[] = [];
    for (const [url, operations] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (typeof operation !== 'object' || !operation) continue;
        for (const parameter of (operation.parameters as Schema[] | undefined) ?? []) {
          if (parameter.in === 'header') continue;
          found.push(...unbounded(parameter.schema, `${method.toUpperCase()} ${url} ${parameter.in}.${parameter.name}`, components));
        }
        const content = ((operation.requestBody as Schema | undefined)?.content ?? {}) as Record<string, { schema?: unknown }>;
        for (const [type, media] of Object.entries(content)) found.push(...unbounded(media.schema, `${method.toUpperCase()} ${url} body(${type})`, components));
      }
    }
    assert.deepEqual(found, [], `unbounded request fields:\n${found.join('\n')}`);
  });
});
