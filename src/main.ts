import fs from 'node:fs';
import { ConfigError, loadConfig } from './core/config/config.js';
import { createLogger } from './core/logger.js';
import { createRuntime } from './runtime.js';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuração inválida: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
const runtime = await createRuntime(config, logger);

const created = await runtime.services.auth.ensureFirstAdmin(config.admin);
if (created?.password) {
  // Printed once, to the terminal only, never through the logger.
  process.stdout.write(`\nPrimeiro administrador criado: ${created.email}\nSenha gerada (anote agora, não será mostrada de novo): ${created.password}\n\n`);
} else if (created) {
  logger.info({ email: created.email }, 'primeiro administrador criado a partir de ADMIN_EMAIL');
}

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'encerrando: aguardando requisições em andamento');
  // In-flight requests get up to 10 s; then the process leaves anyway.
  const force = setTimeout(() => {
    logger.error('encerramento forçado após 10 s');
    process.exit(1);
  }, 10_000);
  force.unref();
  // Keep-alive sockets become idle only after their in-flight response: close them as they do.
  const sweep = setInterval(() => runtime.app.server.closeIdleConnections(), 100);
  sweep.unref();
  try {
    await runtime.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'falha ao encerrar');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

const address = await runtime.app.listen({ port: config.port, host: config.host });
logger.info({ address, modules: config.modules, role: config.role }, 'Retaguarda no ar');
