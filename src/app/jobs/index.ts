/** The job table: the only list of scheduled jobs. Their times come from config (`schedule.<name>`). */
import type { ChatPort, ContactDirectory, ScheduledJob, Store } from '../../domain/ports.js'
import type { Config } from '../config.js'
import { toPolicy } from '../segments/policy-config.js'
import { digestJob } from './digest-job.js'
import type { Job } from './job.js'
import { inviteJob } from './invite-job.js'
import { nudgeJob } from './nudge-job.js'
import { perksJob } from './perks-job.js'
import { reactivateJob } from './reactivate-job.js'
import { reclassifyJob } from './reclassify-job.js'
import type { JobRunner } from './runner.js'

export interface JobDeps {
  store: Store
  config: Config
  /** Resolves configured admin names to contacts for the digest. */
  contacts?: ContactDirectory
  /** Finds the VIP room and adds people to it (the invite job). */
  chat?: Pick<ChatPort, 'findRoom' | 'addToRoom'>
  /** A chart renderer is wired to the send queue: the digest attaches the pyramid. */
  charts?: boolean
}

/** Every job the bot knows. */
export function createJobs(deps: JobDeps): Job[] {
  const policy = toPolicy(deps.config.classify)
  return [
    reclassifyJob(deps.store, policy),
    digestJob({ store: deps.store, config: deps.config, contacts: deps.contacts, charts: deps.charts ?? false }, policy),
    nudgeJob(deps.store, policy, deps.config),
    reactivateJob(deps.store, deps.config, policy),
    inviteJob(deps.store, deps.config, policy, deps.chat),
    perksJob(deps.store, deps.config),
  ]
}

/** The scheduler's table: each job that has a time in `schedule`, run through the runner. */
export function scheduleTable(runner: JobRunner, schedule: Readonly<Record<string, string>>): ScheduledJob[] {
  return runner.jobs().flatMap((job) => {
    const cron = schedule[job.name]
    return cron ? [{ name: job.name, cron, run: () => runner.run(job) }] : []
  })
}
