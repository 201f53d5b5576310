export { InvalidScheduleError, type CatchUpPolicy, type OverlapPolicy, type Schedule, type ScheduleInput } from './schedule-model.js';
export { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.js';
export { schedulerMigrations } from './scheduler.migrations.js';
