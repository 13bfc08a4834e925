/**
 * Restarts the puppet when no login arrives: PuppetService never recovers by itself when the
 * gateway was down at start (WECHATY.md 1.6), so stop and start it again, with a growing pause.
 */
import type { Logger } from '../../domain/logger.js'

export interface SupervisorOptions {
  isLoggedIn: () => boolean
  restart: () => Promise<void>
  graceMs: number
  logger: Logger
  /** Called once per outage when the bot has been offline for a whole grace period. */
  onOffline?: () => void
}

export interface Supervisor { stop(): void }

export function startSupervisor(options: SupervisorOptions): Supervisor {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  let attempts = 0

  const schedule = (ms: number): void => {
    if (stopped) return
    timer = setTimeout(() => void check(), ms)
  }
  async function check(): Promise<void> {
    if (stopped) return
    if (options.isLoggedIn()) {
      attempts = 0
      schedule(options.graceMs)
      return
    }
    attempts++
    if (attempts === 1) options.onOffline?.()
    options.logger.warn('no login: restarting the puppet', { attempt: attempts })
    try {
      await options.restart()
    }
    catch (error) {
      options.logger.error('puppet restart failed', { error: String(error) })
    }
    schedule(Math.min(options.graceMs * 2 ** Math.min(attempts, 4), 15 * 60_000))
  }
  schedule(options.graceMs)
  return {
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
