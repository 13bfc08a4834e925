/** The job table: the only list of scheduled jobs. Their times come from config (`schedule.<name>`). */
import type { ScheduledJob, Store } from '../../domain/ports.js'
import type { Config } from '../config.js'
import { toPolicy } from '../segments/policy-config.js'
import type { Job } from './job.js'
import { reclassifyJob } from './reclassify-job.js'
import type { JobRunner } from './runner.js'

export interface JobDeps {
  store: Store
  config: Config
}

/** Every job the bot knows. */
export function createJobs(deps: JobDeps): Job[] {
  return [reclassifyJob(deps.store, toPolicy(deps.config.classify))]
}

/** The scheduler's table: each job that has a time in `schedule`, run through the runner. */
export function scheduleTable(runner: JobRunner, schedule: Readonly<Record<string, string>>): ScheduledJob[] {
  return runner.jobs().flatMap((job) => {
    const cron = schedule[job.name]
    return cron ? [{ name: job.name, cron, run: () => runner.run(job) }] : []
  })
}
