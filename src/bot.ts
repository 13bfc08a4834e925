/**
 * Wires one running bot: a Wechaty instance on the given puppet, the router over the store, and the
 * listeners. Used by `main.ts` and by the end-to-end tests, so both run the same code path.
 */
import { WechatyBuilder, type Wechaty } from 'wechaty'
import type { impls } from 'wechaty-puppet'
import { createPngRenderer } from './adapters/charts/png-renderer.js'
import { toCsv } from './adapters/csv.js'
import { systemClock } from './adapters/system-clock.js'
import { attachRouter } from './adapters/wechaty/attach.js'
import { createWechatyChat, createWechatyContacts } from './adapters/wechaty/chat-port.js'
import { createEchoFilter } from './adapters/wechaty/echo-filter.js'
import type { AdminCode } from './app/admin-code.js'
import type { Config } from './app/config.js'
import type { Logger } from './domain/logger.js'
import { createRouter } from './app/router/router.js'
import type { ChartRenderer } from './domain/charts/specs.js'
import type { Clock, Store } from './domain/ports.js'

export interface BotAppOptions {
  puppet: impls.PuppetInterface
  store: Store
  config: Config
  logger: Logger
  adminCode?: AdminCode
  clock?: Clock
  charts?: ChartRenderer
}

export interface BotApp {
  bot: Wechaty
  /** Resolves when every message received so far has been handled. */
  drain(): Promise<void>
  /** Finishes the messages in hand, makes the store durable, and stops the bot. */
  stop(options?: { drainMs?: number }): Promise<void>
}

export function createBotApp(options: BotAppOptions): BotApp {
  const { store, config, logger } = options
  const bot = WechatyBuilder.build({ puppet: options.puppet })
  const echo = createEchoFilter()
  const router = createRouter({
    store,
    chat: createWechatyChat(bot, echo),
    contacts: createWechatyContacts(bot),
    clock: options.clock ?? systemClock,
    config,
    logger,
    charts: options.charts ?? createPngRenderer(),
    csv: toCsv,
  }, { adminCode: options.adminCode })
  const attached = attachRouter(bot, { handle: msg => router.handle(msg), echo, logger, staleMs: config.staleSeconds * 1000 })
  return {
    bot,
    drain: () => attached.drain(),
    async stop({ drainMs = 10_000 } = {}) {
      attached.close()
      await Promise.race([attached.drain(), new Promise(r => setTimeout(r, drainMs).unref())])
      await store.close()
      await bot.stop().catch((error: unknown) => logger.warn('bot stop failed', { error: String(error) }))
    },
  }
}
