/**
 * The Scheduler on node-cron (WECHATY.md §7.1): each job at its cron times in the merchant's
 * timezone, one run of a job at a time, each run recorded in the store. node-cron does not catch up
 * across restarts, so at start-up each job whose slot fell between its last run and now runs once.
 */
import { createTask, type ScheduledTask } from 'node-cron'
import type { Logger } from '../../domain/logger.js'
import type { Clock, ScheduledJob, Scheduler, Store } from '../../domain/ports.js'
import { hasSlotBetween } from './missed-slot.js'

export interface CronSchedulerOptions {
  jobs: readonly ScheduledJob[]
  /** IANA timezone the cron times are read in. */
  timezone: string
  /** Where each job's last run is kept (`jobRuns`). */
  store: Store
  logger: Logger
  clock?: Clock
  /** How far back to look for a missed slot at start-up (default 31 days). */
  catchUpDays?: number
}

export function createCronScheduler(options: CronSchedulerOptions): Scheduler {
  const { store, logger, jobs } = options
  const now = (): Date => options.clock?.now() ?? new Date()
  const names = new Set(jobs.map(j => j.name))
  if (names.size !== jobs.length) throw new Error('scheduled job names must be unique')
  const tasks: ScheduledTask[] = []
  const inFlight = new Map<string, Promise<void>>()
  let state: 'new' | 'started' | 'stopped' = 'new'

  function run(job: ScheduledJob, why: 'scheduled' | 'catch-up'): Promise<void> {
    const running = inFlight.get(job.name)
    if (running) {
      logger.warn('job still running: this run is skipped', { job: job.name, why })
      return running
    }
    const startedAt = now()
    const p = (async () => {
      try {
        await job.run()
        store.jobRuns.set(job.name, startedAt.toISOString())
        await store.commit()
        logger.info('job ran', { job: job.name, why })
      }
      catch (error) {
        // Not recorded as run: the next start-up catches it up.
        logger.error('job failed', { job: job.name, why, error: String(error) })
      }
    })().finally(() => inFlight.delete(job.name))
    inFlight.set(job.name, p)
    return p
  }

  // node-cron's first slot is strictly after start-up, and the catch-up looks at slots up to start-up:
  // the two never cover the same slot.
  function onSlot(job: ScheduledJob): Promise<void> | undefined {
    return state === 'started' ? run(job, 'scheduled') : undefined
  }

  const cronLogger = {
    info: (m: string) => logger.info(`node-cron: ${m}`),
    warn: (m: string) => logger.warn(`node-cron: ${m}`),
    error: (m: string | Error, e?: Error) => logger.error(`node-cron: ${String(m)}`, e ? { error: String(e) } : undefined),
    debug: () => {},
  }

  return {
    async start() {
      if (state !== 'new') return
      state = 'started'
      const at = now()
      const due: ScheduledJob[] = []
      for (const job of jobs) {
        // A slot reached late (the machine slept or was busy) still runs, up to 30 minutes late.
        const task = createTask(job.cron, () => onSlot(job), { timezone: options.timezone, noOverlap: true, name: `wxcrm:${job.name}`, logger: cronLogger, missedExecutionTolerance: 30 * 60_000 })
        tasks.push(task)
        const last = store.jobRuns.get(job.name)
        // First start: the schedule begins now; nothing before it counts as missed.
        if (last === undefined) store.jobRuns.set(job.name, at.toISOString())
        else if (hasSlotBetween(d => task.match(d), new Date(last), at, options.catchUpDays ?? 31)) due.push(job)
      }
      await store.commit()
      if (state !== 'started') return // stopped meanwhile
      // A slot that fell while the commit above was running is covered neither by the catch-up scan
      // nor by the tasks (they start from the next slot): pick it up here.
      const started = now()
      jobs.forEach((job, i) => {
        if (!due.includes(job) && hasSlotBetween(d => tasks[i]!.match(d), at, started, 1)) due.push(job)
      })
      for (const task of tasks) await task.start()
      for (const job of due) {
        logger.info('catching up a run missed while the bot was down', { job: job.name, lastRun: store.jobRuns.get(job.name) })
        void run(job, 'catch-up')
      }
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()])
    },
    async stop() {
      state = 'stopped'
      for (const task of tasks.splice(0)) await task.destroy()
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()])
    },
  }
}
