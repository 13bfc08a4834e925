/**
 * Restarts the puppet when the bot stays offline: PuppetService never recovers by itself when the
 * gateway was down at start, nor when the gateway was still down at its watchdog's reset (WECHATY.md
 * 1.6). "Offline" is whatever `isLoggedIn` says — before the first login, or after a lost connection
 * (logout, failed watchdog reset, heartbeat loss). After `graceMs` offline it stops and starts the bot
 * again, with a growing pause between attempts, until the bot is back.
 */
import type { Logger } from '../../domain/logger.js'

export interface SupervisorOptions {
  /** Whether the bot is online (logged in over a live connection). */
  isLoggedIn: () => boolean
  restart: () => Promise<void>
  /** How long the bot may stay offline before the first restart. */
  graceMs: number
  logger: Logger
  /** Called once per outage, at its first restart. */
  onOffline?: () => void
  /** How often to look (default: a tenth of `graceMs`, at most 5 s). */
  checkMs?: number
  /** Longest pause between two restarts (default 5 minutes). */
  maxPauseMs?: number
}

export interface Supervisor { stop(): void }

/** Pause after the `attempts`th restart: twice the grace period, doubling, up to `maxMs`. */
export function restartPauseMs(attempts: number, graceMs: number, maxMs: number): number {
  return Math.max(graceMs, Math.min(graceMs * 2 ** Math.min(attempts, 10), maxMs))
}

export function startSupervisor(options: SupervisorOptions): Supervisor {
  const checkMs = options.checkMs ?? Math.min(5_000, Math.max(100, Math.floor(options.graceMs / 10)))
  const maxPauseMs = options.maxPauseMs ?? 5 * 60_000
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  let attempts = 0
  let offlineSince: number | null = options.isLoggedIn() ? null : Date.now()
  let lastRestartAt = 0

  const schedule = (): void => {
    if (!stopped) timer = setTimeout(() => void check(), checkMs)
  }
  async function check(): Promise<void> {
    if (stopped) return
    const now = Date.now()
    if (options.isLoggedIn()) {
      if (attempts > 0) options.logger.info('gateway connection restored', { restarts: attempts })
      attempts = 0
      offlineSince = null
      return schedule()
    }
    offlineSince ??= now
    const due = attempts === 0 ? offlineSince + options.graceMs : lastRestartAt + restartPauseMs(attempts, options.graceMs, maxPauseMs)
    if (now < due) return schedule()
    attempts++
    lastRestartAt = now
    if (attempts === 1) options.onOffline?.()
    options.logger.warn('offline: restarting the puppet', { attempt: attempts, offlineSeconds: Math.round((now - offlineSince) / 1000) })
    try {
      await options.restart()
    }
    catch (error) {
      options.logger.error('puppet restart failed', { error: String(error) })
    }
    schedule()
  }
  schedule()
  return {
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
