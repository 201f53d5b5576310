import { isValidIbge } from '../../core/brazil/index.js';
import { unprocessable } from '../../core/http/errors.js';
import type { FiscalContext } from './fiscal.context.js';
import { fromFocus, notConfigured } from './fiscal.errors.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A city hall's NFSe requirements (`/v2/municipios/{ibge}`), kept for 24 hours: they change rarely
 * and every call to Focus spends one of the token's 100 credits a minute.
 */
export function createMunicipioService(ctx: FiscalContext) {
  const cache = new Map<string, { at: number; body: unknown }>();
  return async function municipio(ibge: string): Promise<unknown> {
    if (!ctx.focus) throw notConfigured();
    if (!isValidIbge(ibge)) {
      throw unprocessable('Campos fornecidos são inválidos.', [{ loc: ['path', 'ibge'], msg: 'código IBGE de município inválido (dígito verificador)', type: 'value_error.ibge' }]);
    }
    const hit = cache.get(ibge);
    if (hit && ctx.now() - hit.at < DAY_MS) return hit.body;
    let answer;
    try {
      answer = await ctx.focus.get(`/v2/municipios/${ibge}`);
    } catch (error) {
      throw fromFocus(error);
    }
    cache.set(ibge, { at: ctx.now(), body: answer.body });
    return answer.body;
  };
}
