import type { RetaguardaModule } from '../../core/module.js';

/** Seed 004 (BRM faturas): the monthly invoice process per client and carrier. */
export const faturasModule: RetaguardaModule = {
  name: 'faturas',
  migrations: {},
  async register() {},
};
