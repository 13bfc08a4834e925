/**
 * The one global send queue (DESIGN.md §7, WECHATY.md §6.6): takes due `planned` outbox entries in
 * order and sends them one at a time with random gaps, outside quiet hours, under daily caps per kind;
 * retries transient failures with back-off, and stops everything when WeChat says 操作过于频繁.
 *
 * Crash safety: an entry is committed as `sending` before the send and as `sent` after it. An entry
 * found `sending` at start-up may or may not have reached WeChat; it is marked `sent` and never sent
 * again (at most once: a rare lost message rather than a customer receiving the same text twice).
 */
import type { Logger } from '../../domain/logger.js'
import { dueEntries, nextDueAt, type OutboxEntry } from '../../domain/outreach/outbox.js'
import type { OutboundFile } from '../../domain/outreach/outbound.js'
import { paceGapMs, underCap } from '../../domain/outreach/pacing.js'
import { nextAllowed } from '../../domain/outreach/quiet-hours.js'
import { isRateLimitText } from '../../domain/outreach/send-error.js'
import type { ChatPort, Clock, OutFile, Store } from '../../domain/ports.js'
import { localMinuteOfDay, nextLocalMidnight } from '../local-time.js'
import type { SendPolicy } from './policy.js'
import { settleInterrupted } from './delivery.js'
import { createSender } from './send-one.js'
import { alertAdmins } from './rate-limit-alert.js'
import { createSentToday } from './sent-today.js'
import { defaultTimers, type Timers } from './timers.js'

export type { Timers } from './timers.js'

export interface SendQueueOptions {
  store: Store
  chat: ChatPort
  clock: Clock
  timers?: Timers
  /** A number in [0, 1) for each gap. */
  random: () => number
  policy: SendPolicy
  logger: Logger
  /** Contact ids of the admins to alert when WeChat throttles the account. */
  admins: () => readonly string[]
  /** Produces the bytes of an attachment at send time; without it, entries with a file are dropped. */
  loadFile?: (file: OutboundFile) => Promise<OutFile>
  /** Called after an entry is sent (before the commit): invitations become `invited`. */
  onSent?: (entry: OutboxEntry) => void
  /** Called when an entry is given up (before the commit): invitations become `failed`. */
  onFailed?: (entry: OutboxEntry) => void
  /** Called once each time the queue stops on a rate-limit answer, with WeChat's words. */
  onStopped?: (reason: string) => void
  /** Whether the account is logged in; while it is not, nothing is tried (no attempt is used up). */
  online?: () => boolean
}

export type QueueState = 'new' | 'running' | 'stopped' | 'closed'

export interface SendQueue {
  /** Settles entries a crash left `sending`, then starts working through the outbox. Idempotent. */
  start(): Promise<void>
  /** Looks at the outbox again (call after planning new entries). */
  wake(): void
  /** A message WeChat showed the bot account (system notice, own message): throttling text stops the queue. */
  notice(text: string): void
  /** Sends again after a stop on a rate limit. */
  resume(): void
  state(): QueueState
  /** WeChat's words that stopped the queue, while it is stopped. */
  stoppedBy(): string | null
  /** Resolves when no send is in progress. */
  idle(): Promise<void>
  /** Stops for good: waits for the message in hand, sends nothing more. */
  close(): Promise<void>
}

/** Longest single timer: the queue re-checks at least daily. */
const MAX_WAIT_MS = 86_400_000

export function createSendQueue(options: SendQueueOptions): SendQueue {
  const { store, chat, clock, policy, logger } = options
  const timers = options.timers ?? defaultTimers
  let state: QueueState = 'new'
  let stoppedBy: string | null = null
  let timer: unknown = null
  let working: Promise<void> | null = null
  let alerting: Promise<void> = Promise.resolve()
  let again = false
  /** No send before this instant (ms): the gap after the previous attempt. */
  let freeAt = 0
  const sentToday = createSentToday(store, policy.timezone)
  const sendOne = createSender({ ...options, sentToday, onStop: reason => stop(reason) })

  function arm(ms: number): void {
    if (timer !== null) timers.clear(timer)
    timer = timers.set(() => {
      timer = null
      wake()
    }, Math.min(Math.max(0, Math.ceil(ms)), MAX_WAIT_MS))
  }

  function disarm(): void {
    if (timer !== null) timers.clear(timer)
    timer = null
  }

  function wake(): void {
    if (state !== 'running') return
    if (working) {
      again = true
      return
    }
    disarm()
    working = pump()
      .catch((error: unknown) => {
        logger.error('send queue step failed', { error: String(error) })
        arm(60_000)
      })
      .finally(() => {
        working = null
        if (again) {
          again = false
          wake()
        }
      })
  }

  /** The first due entry whose kind is under today's cap; capped ones wait for the next local day. */
  async function pickNext(now: Date): Promise<OutboxEntry | null> {
    const counts = sentToday.counts(now)
    let postponed = 0
    let picked: OutboxEntry | null = null
    for (const e of dueEntries(store.outbox.all(), now.getTime())) {
      if (underCap(e.kind, counts, policy.caps)) {
        picked = e
        break
      }
      store.outbox.update({ ...e, nextAttemptAt: nextLocalMidnight(now, policy.timezone).toISOString() })
      postponed++
    }
    if (postponed > 0) {
      logger.info('daily cap reached: messages wait for tomorrow', { postponed })
      await store.commit()
    }
    return picked
  }

  async function pump(): Promise<void> {
    const now = clock.now()
    if (now.getTime() < freeAt) return arm(freeAt - now.getTime())
    // Logged out (a reset, a new QR scan): wait instead of failing every message in turn.
    if (options.online && !options.online()) return arm(30_000)
    const quietMinutes = nextAllowed(localMinuteOfDay(now, policy.timezone), policy.quiet)
    if (quietMinutes > 0) return arm(quietMinutes * 60_000)
    const entry = await pickNext(now)
    if (!entry) {
      const next = nextDueAt(store.outbox.all())
      if (next !== null) arm(next - now.getTime())
      return
    }
    await sendOne(entry)
    if (state !== 'running') return
    const after = clock.now().getTime()
    freeAt = after + paceGapMs(options.random(), policy.gap)
    arm(freeAt - after)
  }

  function stop(reason: string): void {
    if (state !== 'running') return
    state = 'stopped'
    stoppedBy = reason
    disarm()
    logger.error('WeChat is throttling the account: all sending stopped until resumed or restarted', { reason })
    options.onStopped?.(reason)
    const waiting = store.outbox.withStatus('planned').length
    alerting = alerting.then(() => alertAdmins({ store, chat, clock, logger, admins: options.admins(), waiting }))
  }

  return {
    async start() {
      if (state !== 'new') return
      const interrupted = settleInterrupted(store, clock.now())
      if (interrupted > 0) {
        logger.warn('outbox entries interrupted while sending are counted as sent, not sent again', { count: interrupted })
        await store.commit()
      }
      state = 'running'
      wake()
    },
    wake,
    notice(text) {
      if (isRateLimitText(text)) stop(text)
    },
    resume() {
      if (state !== 'stopped') return
      state = 'running'
      stoppedBy = null
      logger.info('sending resumed')
      wake()
    },
    state: () => state,
    stoppedBy: () => stoppedBy,
    async idle() {
      while (working) await working
      await alerting
    },
    async close() {
      state = 'closed'
      disarm()
      while (working) await working
      await alerting
    },
  }
}
