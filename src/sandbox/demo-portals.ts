import { OPERADORAS, type Operadora, type PortalOverrides } from '../modules/rpa/robots/portal-config.js';
import { startPortalSandbox, type PortalSandbox } from './portal-sandbox.js';
import { startSatSandbox, type SatSandbox } from './sat-sandbox.js';

export interface DemoSandboxes {
  portals: Record<Operadora, PortalSandbox>;
  sat: SatSandbox;
  urls: Record<Operadora | 'SAT', string>;
  /** Pass to loadPortalConfig so the robots drive these sandboxes instead of the real portals. */
  portalOverrides: PortalOverrides;
  close(): Promise<void>;
}

/** Starts the four carrier portals and SAT on free local ports, for `npm run demo`. */
export async function startAllSandboxes(): Promise<DemoSandboxes> {
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const portals = {} as Record<Operadora, PortalSandbox>;
    for (const operadora of OPERADORAS) {
      portals[operadora] = await startPortalSandbox({ operadora });
      started.push(portals[operadora]);
    }
    const sat = await startSatSandbox();
    started.push(sat);
    const urls = { SAT: sat.url } as Record<Operadora | 'SAT', string>;
    const operadoras: NonNullable<PortalOverrides['operadoras']> = {};
    for (const operadora of OPERADORAS) {
      urls[operadora] = portals[operadora].url;
      operadoras[operadora] = { baseUrl: portals[operadora].url };
    }
    return {
      portals,
      sat,
      urls,
      portalOverrides: { operadoras, sat: { baseUrl: sat.url } },
      close: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}
