import type { ModuleName } from '../core/config/config.js';
import type { RetaguardaModule } from '../core/module.js';
import { fiadosModule } from './fiados/index.js';
import { rpaModule } from './rpa/index.js';

/** Every module this build ships; MODULES chooses which a process serves. */
const ALL: RetaguardaModule[] = [fiadosModule, rpaModule];

export function enabledModules(names: readonly ModuleName[]): RetaguardaModule[] {
  return ALL.filter((module) => names.includes(module.name));
}
