import type { RetaguardaModule } from '../../core/module.js';

/** Seed 002 (DX Connect): agents, configuration, WhatsApp session and messages, the inbox. */
export const atendimentoModule: RetaguardaModule = {
  name: 'atendimento',
  migrations: {},
  async register() {},
};
