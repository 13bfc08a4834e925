import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCronScheduler } from '../../../src/adapters/cron/scheduler.js'
import { hasSlotBetween } from '../../../src/adapters/cron/missed-slot.js'
import { createMemoryStore } from '../../../src/adapters/store/memory-store.js'
import { silentLogger } from '../../../src/domain/logger.js'
import type { Scheduler, Store } from '../../../src/domain/ports.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A job that records when it ran; with `slow`, each run waits until `finish()` is called. */
function recordingJob(name: string, cron: string, options: { slow?: boolean, fail?: boolean } = {}) {
  const runs: string[] = []
  const pending: (() => void)[] = []
  return {
    runs,
    finish: () => pending.splice(0).forEach(f => f()),
    job: {
      name,
      cron,
      async run() {
        runs.push(new Date().toISOString())
        if (options.slow) await new Promise<void>(resolve => pending.push(resolve))
        if (options.fail) throw new Error('boom')
      },
    },
  }
}

const schedulers: Scheduler[] = []
function schedulerFor(store: Store, ...jobs: ReturnType<typeof recordingJob>[]): Scheduler {
  const s = createCronScheduler({ jobs: jobs.map(j => j.job), timezone: 'Asia/Shanghai', store, logger: silentLogger })
  schedulers.push(s)
  return s
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop()
  vi.useRealTimers()
})

describe('cron scheduler', () => {
  it('runs a 09:00 Asia/Shanghai job at 01:00Z, once a day, and records each run', async () => {
    vi.setSystemTime('2026-11-23T00:58:30.000Z')
    const store = createMemoryStore()
    const digest = recordingJob('digest', '0 9 * * *')
    await schedulerFor(store, digest).start()
    await vi.advanceTimersByTimeAsync(2 * MINUTE)
    expect(digest.runs).toEqual(['2026-11-23T01:00:00.000Z'])
    expect(store.jobRuns.get('digest')).toBe('2026-11-23T01:00:00.000Z')
    await vi.advanceTimersByTimeAsync(DAY)
    expect(digest.runs).toEqual(['2026-11-23T01:00:00.000Z', '2026-11-24T01:00:00.000Z'])
  })

  it('catches up a run missed while the bot was down once at start-up, and never again after a restart', async () => {
    const store = createMemoryStore()
    store.jobRuns.set('digest', '2026-11-20T01:00:00.000Z') // then down for three days
    vi.setSystemTime('2026-11-23T03:00:00.000Z') // 11:00 in Shanghai: today's 09:00 has passed
    const digest = recordingJob('digest', '0 9 * * *')
    const first = schedulerFor(store, digest)
    await first.start()
    await first.idle()
    expect(digest.runs).toEqual(['2026-11-23T03:00:00.000Z'])
    await vi.advanceTimersByTimeAsync(HOUR)
    await first.stop()
    const second = schedulerFor(store, digest)
    await second.start()
    await second.idle()
    expect(digest.runs).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(Date.parse('2026-11-24T01:00:30.000Z') - Date.now())
    expect(digest.runs).toEqual(['2026-11-23T03:00:00.000Z', '2026-11-24T01:00:00.000Z'])
  })

  it('catches nothing up when no slot was missed, nor on the very first start (the schedule begins then)', async () => {
    vi.setSystemTime('2026-11-23T03:00:00.000Z')
    const store = createMemoryStore()
    store.jobRuns.set('digest', '2026-11-23T01:00:00.000Z')
    const digest = recordingJob('digest', '0 9 * * *')
    const reclassify = recordingJob('reclassify', '0 2 * * *')
    const s = schedulerFor(store, digest, reclassify)
    await s.start()
    await s.idle()
    expect(digest.runs).toEqual([])
    expect(reclassify.runs).toEqual([])
    expect(store.jobRuns.get('reclassify')).toBe('2026-11-23T03:00:00.000Z')
  })

  it('does not run a slot twice when start-up falls on the slot itself', async () => {
    vi.setSystemTime('2026-11-23T01:00:00.000Z') // exactly 09:00 in Shanghai
    const store = createMemoryStore()
    store.jobRuns.set('digest', '2026-11-22T01:00:00.000Z')
    const digest = recordingJob('digest', '0 9 * * *')
    const s = schedulerFor(store, digest)
    await s.start()
    await vi.advanceTimersByTimeAsync(2 * MINUTE)
    await s.idle()
    expect(digest.runs).toEqual(['2026-11-23T01:00:00.000Z'])
  })

  it('runs a slot that fell while start-up was saving its state', async () => {
    const store = createMemoryStore()
    store.jobRuns.set('digest', '2026-11-22T01:00:00.000Z')
    vi.setSystemTime('2026-11-23T00:59:59.900Z') // 08:59:59.9 in Shanghai
    const commit = store.commit.bind(store)
    // The start-up commit takes long enough to cross 09:00.
    store.commit = async () => {
      vi.setSystemTime(Date.now() + 300)
      await commit()
    }
    const digest = recordingJob('digest', '0 9 * * *')
    const s = schedulerFor(store, digest)
    await s.start()
    await s.idle()
    expect(digest.runs).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(digest.runs).toHaveLength(1)
  })

  it('runs one job once at a time: a slow run makes the next slots and a catch-up wait', async () => {
    vi.setSystemTime('2026-11-23T01:00:30.000Z')
    const store = createMemoryStore()
    store.jobRuns.set('every', '2026-11-23T00:50:00.000Z') // missed minutes: a catch-up starts at once
    const every = recordingJob('every', '* * * * *', { slow: true })
    const s = schedulerFor(store, every)
    await s.start()
    await vi.advanceTimersByTimeAsync(3 * MINUTE)
    expect(every.runs).toEqual(['2026-11-23T01:00:30.000Z'])
    every.finish()
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(every.runs).toEqual(['2026-11-23T01:00:30.000Z', '2026-11-23T01:04:00.000Z'])
    every.finish()
  })

  it('stop() waits for the run in progress and then runs nothing more', async () => {
    vi.setSystemTime('2026-11-23T01:00:30.000Z')
    const store = createMemoryStore()
    const every = recordingJob('every', '* * * * *', { slow: true })
    const s = schedulerFor(store, every)
    await s.start()
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(every.runs).toHaveLength(1)
    let stopped = false
    const stopping = s.stop().then(() => (stopped = true))
    await vi.advanceTimersByTimeAsync(10)
    expect(stopped).toBe(false)
    every.finish()
    await stopping
    expect(store.jobRuns.get('every')).toBe('2026-11-23T01:01:00.000Z')
    await vi.advanceTimersByTimeAsync(HOUR)
    expect(every.runs).toHaveLength(1)
  })

  it('does not record a failed run, so the next start-up catches it up', async () => {
    vi.setSystemTime('2026-11-23T00:59:30.000Z')
    const store = createMemoryStore()
    store.jobRuns.set('digest', '2026-11-22T01:00:00.000Z')
    const digest = recordingJob('digest', '0 9 * * *', { fail: true })
    const s = schedulerFor(store, digest)
    await s.start()
    await vi.advanceTimersByTimeAsync(MINUTE)
    expect(digest.runs).toHaveLength(1)
    expect(store.jobRuns.get('digest')).toBe('2026-11-22T01:00:00.000Z')
  })
})

describe('finding a missed slot', () => {
  const nineInShanghai = (d: Date): boolean => d.getUTCHours() === 1 && d.getUTCMinutes() === 0
  it.each([
    ['2026-11-22T01:00:00.000Z', '2026-11-23T00:59:00.000Z', false],
    ['2026-11-22T01:00:00.000Z', '2026-11-23T01:00:00.000Z', true],
    ['2026-11-23T01:00:00.000Z', '2026-11-23T01:00:59.000Z', false],
    ['2026-11-23T00:59:59.999Z', '2026-11-23T01:00:00.000Z', true],
    ['2026-01-01T00:00:00.000Z', '2026-11-23T00:00:00.000Z', true],
  ])('since %s until %s: %s', (since, now, found) => {
    expect(hasSlotBetween(nineInShanghai, new Date(since), new Date(now), 31)).toBe(found)
  })

  it('looks back no further than the limit', () => {
    expect(hasSlotBetween(d => d.getTime() === Date.parse('2026-10-01T00:00:00.000Z'), new Date('2026-09-01T00:00:00.000Z'), new Date('2026-11-23T00:00:00.000Z'), 31)).toBe(false)
  })
})
