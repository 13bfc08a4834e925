/**
 * Runs jobs on demand (the scheduler and 任务 both come here): the job's own work, then its messages
 * into the outbox, committed, and the send queue woken. A preview does the same thinking and changes
 * nothing. One run of a job at a time.
 */
import type { Logger } from '../../domain/logger.js'
import type { OutboundMessage } from '../../domain/outreach/outbound.js'
import type { Clock, Store } from '../../domain/ports.js'
import { localDate } from '../local-time.js'
import { planMessages, type PlanResult } from '../outbox/plan-messages.js'
import type { Job } from './job.js'

export interface JobOutcome {
  job: Job
  preview: boolean
  /** Another run of this job was in progress: nothing was done. */
  busy: boolean
  notes: string[]
  messages: OutboundMessage[]
  /** What went into the outbox (null for previews and busy runs). */
  planned: PlanResult | null
}

export interface JobRunner {
  jobs(): readonly Job[]
  /** A job by name or alias. */
  find(word: string): Job | undefined
  /** Runs the job now, or previews it; throws when the job fails. */
  run(job: Job, options?: { preview?: boolean }): Promise<JobOutcome>
}

export interface JobRunnerOptions {
  store: Store
  clock: Clock
  timezone: string
  jobs: readonly Job[]
  logger: Logger
  /** Tells the send queue new entries are planned. */
  wake?: () => void
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { store, clock, logger } = options
  const inFlight = new Set<string>()
  const byWord = new Map<string, Job>()
  for (const j of options.jobs) for (const w of [j.name, ...j.aliases]) byWord.set(w.toLowerCase(), j)

  return {
    jobs: () => options.jobs,
    find: word => byWord.get(word.toLowerCase()),
    async run(job, { preview = false } = {}) {
      // Every job reads the whole ledger: right after a start, wait for the older orders.
      await store.whenLoaded()
      const now = clock.now()
      const ctx = { now, today: localDate(now, options.timezone), preview }
      if (preview) {
        const r = await job.run(ctx)
        return { job, preview, busy: false, notes: r.notes, messages: r.messages, planned: null }
      }
      if (inFlight.has(job.name)) return { job, preview, busy: true, notes: [], messages: [], planned: null }
      inFlight.add(job.name)
      try {
        const r = await job.run(ctx)
        const planned = planMessages(store, r.messages, clock.now(), logger)
        await store.commit()
        if (planned.added.length > 0) options.wake?.()
        logger.info('job done', { job: job.name, planned: planned.added.length, duplicates: planned.duplicates })
        return { job, preview, busy: false, notes: r.notes, messages: r.messages, planned }
      }
      finally {
        inFlight.delete(job.name)
      }
    },
  }
}
