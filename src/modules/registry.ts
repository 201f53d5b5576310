import type { ModuleName } from '../core/config/config.js';
import type { RetaguardaModule } from '../core/module.js';
import { atendimentoModule } from './atendimento/index.js';
import { faturasModule } from './faturas/index.js';
import { fiadosModule } from './fiados/index.js';
import { fiscalModule } from './fiscal/index.js';
import { rpaModule } from './rpa/index.js';

/** Every module this build ships; MODULES chooses which a process serves. */
const ALL: RetaguardaModule[] = [fiadosModule, rpaModule, faturasModule, fiscalModule, atendimentoModule];

export function enabledModules(names: readonly ModuleName[]): RetaguardaModule[] {
  return ALL.filter((module) => names.includes(module.name));
}
