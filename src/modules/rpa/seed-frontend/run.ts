import './browser-shim.js';
import { createAndMonitorJob, monitorJobWithWebSocket } from './examples.js';

/**
 * Runs the seed's own examples (§10.1 polling, §10.2 WebSocket) and reports what they show to the
 * parent test: what they log and what they hand to the UI functions the seed leaves to the app.
 */
const report = (message: object) => process.send?.(message);
const plain = (value: unknown) => (value instanceof Error ? String(value) : value);

Object.assign(globalThis, {
  updateUI: (data: unknown) => report({ type: 'ui', data }),
  addLog: (data: unknown) => report({ type: 'addLog', data }),
});
console.log = (...args: unknown[]) => {
  report({ type: 'console', args: args.map(plain) });
  // §10.1 logs the new job's id; a page would then open §10.2's socket for it.
  if (args[0] === 'Job criado:') monitorJobWithWebSocket(String(args[1]));
};
console.error = (...args: unknown[]) => report({ type: 'console.error', args: args.map((a) => String(a)) });

createAndMonitorJob();
