/**
 * The production connection to the WeChat gateway: the PuppetService client, and a watch over it that
 * notices a lost connection (link tracker), restarts the bot when it stays offline (supervisor), and
 * reports each outage once when the bot is back.
 *
 * Who does what when the gateway goes away and comes back (measured, see the e2e gateway-outage test):
 * PuppetService's own watchdog resets the puppet `gateway.timeoutSeconds` after the last event. If the
 * gateway is back by then, that reset logs in again by itself. If it is not, the reset fails and the
 * puppet stays stopped for good; the supervisor then restarts the bot after `loginGraceSeconds`, and
 * again with growing pauses, until the gateway answers.
 */
import type { Wechaty } from 'wechaty'
import type { Logger } from '../../domain/logger.js'
import { GatewayPuppet } from './gateway-puppet.js'
import { createLinkTracker, type Outage } from './link-tracker.js'
import { startSupervisor } from './supervisor.js'

export type { Outage } from './link-tracker.js'

export interface GatewaySettings {
  token?: string
  endpoint?: string
  noTlsInsecureClient: boolean
  timeoutSeconds: number
}

/** The PuppetService client for the configured gateway. */
export function createGatewayPuppet(gateway: GatewaySettings): GatewayPuppet {
  return new GatewayPuppet({
    token: gateway.token,
    endpoint: gateway.endpoint,
    tls: { disable: gateway.noTlsInsecureClient },
    timeoutSeconds: gateway.timeoutSeconds,
  })
}

export interface ConnectionOptions {
  bot: Wechaty
  logger: Logger
  /** Offline this long (no first login, or lost after one) → restart the bot. */
  graceMs: number
  /** A logged-in link with no event from the gateway for this long counts as lost. */
  silenceMs: number
  /** Outages shorter than this are logged, not reported. */
  reportAfterMs: number
  /** The bot is back after an outage of at least `reportAfterMs`; called once per outage. */
  onOutage: (outage: Outage) => void
}

export interface Connection {
  /** Whether the bot is logged in over a live connection. */
  isOnline(): boolean
  /** Stops watching (before the bot is stopped on purpose). */
  stop(): void
}

export function superviseConnection(options: ConnectionOptions): Connection {
  const { bot, logger } = options
  const tracker = createLinkTracker({ silenceMs: options.silenceMs })
  let stopped = false

  function lost(at: number, what: string): void {
    logger.warn('gateway connection lost', { what, at: new Date(at).toISOString() })
  }
  function back(outage: Outage | null): void {
    if (!outage || stopped) return
    const fields = { lostAt: outage.lostAt.toISOString(), backAt: outage.backAt.toISOString(), seconds: Math.round((outage.backAt.getTime() - outage.lostAt.getTime()) / 1000), reason: outage.reason }
    if (outage.backAt.getTime() - outage.lostAt.getTime() < options.reportAfterMs) {
      logger.info('gateway connection back after a short interruption (not reported)', fields)
      return
    }
    logger.warn('gateway outage over: connection back', fields)
    options.onOutage(outage)
  }

  bot.on('login', () => {
    if (!stopped) back(tracker.login(Date.now()))
  })
  bot.on('logout', (_user: unknown, reason?: string) => {
    if (!stopped && tracker.logout(Date.now(), reason)) lost(Date.now(), reason ? `logout: ${reason}` : 'logout')
  })
  bot.on('error', (error: unknown) => {
    if (!stopped) tracker.error(Date.now(), String((error as Error | undefined)?.message ?? error))
  })
  const alive = (): void => {
    if (!stopped) back(tracker.alive(Date.now()))
  }
  bot.on('heartbeat', alive)
  bot.on('message', alive)
  bot.on('ready', alive)

  const isOnline = (): boolean => {
    const now = Date.now()
    if (tracker.check(now)) lost(now, 'no event from the gateway')
    return bot.isLoggedIn && !tracker.isDown()
  }
  const supervisor = startSupervisor({
    isLoggedIn: isOnline,
    restart: async () => {
      await bot.stop()
      await bot.start()
    },
    graceMs: options.graceMs,
    logger,
    onOffline: () => logger.warn('offline for the whole grace period: restarting the gateway connection', { graceSeconds: options.graceMs / 1000 }),
  })

  return {
    isOnline,
    stop() {
      stopped = true
      supervisor.stop()
    },
  }
}
