import type { Logger } from 'pino';
import type { Config } from '../../core/config/config.js';
import type { BlobStore } from '../../core/storage/index.js';
import { startAllSandboxes } from '../../sandbox/demo-portals.js';
import { SANDBOX_CREDENTIALS } from '../../sandbox/portal-sandbox.js';
import { BrowserPool, DEFAULT_PORTALS_FILE, loadPortalConfig, type PortalConfig, type PortalOverrides, type SatCredentials } from './robots/index.js';

/** What the robots of one running service share: one Chromium, the portal settings, SAT's login. */
export interface RobotEnvironment {
  browsers: BrowserPool;
  portals: PortalConfig;
  sat: SatCredentials | undefined;
  close(): Promise<void>;
}

/**
 * Job handlers are declared before any configuration exists and receive only the queue's `deps`;
 * the BlobStore in those deps is created per running service, so it names that service's environment
 * (two services in one test process keep their own browsers and portals).
 */
const environments = new WeakMap<BlobStore, RobotEnvironment>();

export function environmentFor(storage: BlobStore): RobotEnvironment {
  const environment = environments.get(storage);
  if (!environment) throw new Error('Ambiente dos robôs RPA não iniciado neste processo');
  return environment;
}

/**
 * Loads the portal settings (an invalid file stops the start) and, in demo mode, starts the local
 * sandboxes the robots will drive instead of the real portals.
 */
export async function openRobotEnvironment(config: Readonly<Config>, storage: BlobStore, logger: Logger): Promise<RobotEnvironment> {
  const file = config.rpa.portalsFile ?? DEFAULT_PORTALS_FILE;
  let overrides: PortalOverrides = {};
  let sat: SatCredentials | undefined =
    config.rpa.sat.login && config.rpa.sat.senha ? { login: config.rpa.sat.login, senha: config.rpa.sat.senha } : undefined;
  let closeSandboxes = async () => {};
  // Only processes that run robots need the sandboxes.
  if (config.rpa.sandbox && config.role !== 'api') {
    const sandboxes = await startAllSandboxes();
    overrides = sandboxes.portalOverrides;
    sat ??= { ...SANDBOX_CREDENTIALS };
    closeSandboxes = sandboxes.close;
    logger.warn(
      { portais: sandboxes.urls },
      'RPA_SANDBOX ativo: os robôs acessam portais SIMULADOS locais, não as operadoras nem o SAT reais. Nunca use em produção.',
    );
  }
  let portals: PortalConfig;
  try {
    portals = loadPortalConfig(file, overrides);
  } catch (error) {
    await closeSandboxes();
    throw error;
  }
  const browsers = new BrowserPool({ executablePath: config.rpa.chromiumPath });
  const environment: RobotEnvironment = {
    browsers,
    portals,
    sat,
    async close() {
      environments.delete(storage);
      await browsers.close();
      await closeSandboxes();
    },
  };
  environments.set(storage, environment);
  return environment;
}
