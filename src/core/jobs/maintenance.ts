import type { JobLogger } from './job-runner.js';

export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/** Runs each task on its interval, never two runs of one task at once; stop waits for runs in flight. */
export function maintenanceLoop(logger: JobLogger, tasks: readonly PeriodicTask[]): { start(): void; stop(): Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Map<string, Promise<void>>();

  function tick(task: PeriodicTask): void {
    if (inFlight.has(task.name)) return;
    const running = task
      .run()
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error, task: task.name }, 'Falha na manutenção da fila de jobs'),
      )
      .finally(() => inFlight.delete(task.name));
    inFlight.set(task.name, running);
  }

  return {
    start() {
      for (const task of tasks) {
        const timer = setInterval(() => tick(task), task.everyMs);
        timer.unref();
        timers.push(timer);
      }
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await Promise.all(inFlight.values());
    },
  };
}
