export { BrowserPool, type BrowserPoolOptions } from './browser-pool.js';
export {
  DownloadRobotInputSchema,
  previousCompetencia,
  runDownloadRobot,
  type DownloadRobotInput,
  type DownloadRobotResult,
} from './download-robot.js';
export {
  DEFAULT_PORTALS_FILE,
  loadPortalConfig,
  OPERADORAS,
  PortalConfigError,
  type Operadora,
  type OperadoraPortal,
  type PortalConfig,
  type PortalOverrides,
  type SatPortal,
} from './portal-config.js';
export { RobotError, type RobotArtifacts, type RobotErrorCategory } from './robot-error.js';
export type { BrowserLike, RobotContext, RobotLogLevel } from './robot-session.js';
export {
  runSatRobot,
  SatRobotInputSchema,
  type SatCredentials,
  type SatRobotInput,
  type SatRobotResult,
} from './sat-robot.js';
