import type { RetaguardaModule } from '../../core/module.js';

/** Seed 000 (FocusNFE): fiscal documents through FocusNFE API v2. */
export const fiscalModule: RetaguardaModule = {
  name: 'fiscal',
  migrations: {},
  async register() {},
};
