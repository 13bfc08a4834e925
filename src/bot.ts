/**
 * Wires one running bot: a Wechaty instance on the given puppet, the router over the store, and the
 * listeners. Used by `main.ts` and by the end-to-end tests, so both run the same code path.
 */
import { backfillCatalogue } from './app/ledger/catalogue.js'
import { WechatyBuilder, type Wechaty } from 'wechaty'
import type { impls } from 'wechaty-puppet'
import { createRegionReader } from './adapters/address/region-reader.js'
import { createPngRenderer } from './adapters/charts/png-renderer.js'
import { createCronScheduler } from './adapters/cron/scheduler.js'
import { toCsv } from './adapters/csv.js'
import { systemClock } from './adapters/system-clock.js'
import { attachRouter } from './adapters/wechaty/attach.js'
import { createWechatyChat, createWechatyContacts } from './adapters/wechaty/chat-port.js'
import { superviseConnection } from './adapters/wechaty/connection.js'
import { createEchoFilter } from './adapters/wechaty/echo-filter.js'
import type { AdminCode } from './app/admin-code.js'
import type { Config } from './app/config.js'
import { createJobs, scheduleTable } from './app/jobs/index.js'
import { inviteFailed, inviteSent, roomMembershipChanged } from './app/jobs/invite-state.js'
import { prospectsFromRoomJoin } from './app/prospects/room-join.js'
import { createJobRunner } from './app/jobs/runner.js'
import { reportOutage } from './app/outage.js'
import { chartFileLoader } from './app/outbox/chart-files.js'
import { toSendPolicy } from './app/outbox/policy.js'
import { toPolicy } from './app/segments/policy-config.js'
import { createSendQueue, type SendQueue } from './app/outbox/send-queue.js'
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
  /**
   * Watch the gateway connection (gateway mode): restart the bot when it stays offline, and report
   * each outage to the admins when it is back. Stopped by `stop()`.
   */
  supervise?: boolean
}

export interface BotApp {
  bot: Wechaty
  /** The outbox's send queue; it starts at the first login. */
  queue: SendQueue
  /** Resolves when every message received so far has been handled. */
  drain(): Promise<void>
  /** Finishes the messages in hand, makes the store durable, and stops the bot. */
  stop(options?: { drainMs?: number }): Promise<void>
}

export function createBotApp(options: BotAppOptions): BotApp {
  const { store, config, logger } = options
  const bot = WechatyBuilder.build({ puppet: options.puppet })
  const echo = createEchoFilter()
  const clock = options.clock ?? systemClock
  // A database from before the catalogue existed gets one from every order at the first start; messages
  // wait for it (older orders may still be on their way in).
  const catalogued = store.products.all().length > 0
    ? Promise.resolve()
    : store.whenLoaded().then(async () => {
        if (backfillCatalogue(store, clock.now().toISOString()) > 0) await store.commit()
      }).catch((error: unknown) => logger.error('catalogue not filled from the orders', { error: String(error) }))
  const chat = createWechatyChat(bot, echo)
  const charts = options.charts ?? createPngRenderer()
  const contacts = createWechatyContacts(bot)
  const queue = createSendQueue({
    store, chat, clock, logger, random: Math.random, policy: toSendPolicy(config),
    admins: () => store.admins.all().map(a => a.contactId),
    loadFile: chartFileLoader(store, toPolicy(config.classify), charts),
    onSent: entry => inviteSent(store, entry, clock.now()),
    onFailed: entry => inviteFailed(store, entry, clock.now()),
    online: () => bot.isLoggedIn,
  })
  const jobTable = createJobs({ store, config, contacts, chat, charts: true })
  const jobs = createJobRunner({ store, clock, timezone: config.timezone, jobs: jobTable, logger, wake: () => queue.wake() })
  const scheduler = createCronScheduler({ jobs: scheduleTable(jobs, config.schedule), timezone: config.timezone, store, logger, clock })
  const router = createRouter({
    store,
    chat,
    contacts,
    clock,
    config,
    logger,
    addresses: createRegionReader(),
    charts,
    csv: toCsv,
    jobs,
  }, { adminCode: options.adminCode })
  const attached = attachRouter(bot, {
    // A message can plan outbox entries (an alert to the customer's agent); the queue, idle with an empty
    // outbox, sleeps until told.
    handle: async (msg) => {
      await catalogued
      const planned = store.outbox.all().length
      try {
        await router.handle(msg)
      }
      finally {
        if (store.outbox.all().length !== planned) queue.wake()
      }
    },
    echo,
    logger,
    staleMs: config.staleSeconds * 1000,
    onRateLimit: text => queue.notice(text),
    onRoomMembers: (roomId, ids, event) => {
      if (roomMembershipChanged(store, roomId, ids, event, clock.now()) === 0) return
      void store.commit().catch((error: unknown) => logger.error('invite state not saved', { error: String(error) }))
    },
    onRoomJoined: (room, members) => {
      if (prospectsFromRoomJoin(store, config, room, members, clock.now()) === 0) return
      void store.commit().catch((error: unknown) => logger.error('prospects from a room join not saved', { error: String(error) }))
    },
  })
  const connection = options.supervise
    ? superviseConnection({
        bot,
        logger,
        graceMs: config.loginGraceSeconds * 1000,
        // Backs up the puppet's own watchdog, which resets after `timeoutSeconds` without an event.
        silenceMs: 2 * config.gateway.timeoutSeconds * 1000,
        reportAfterMs: config.outageReportSeconds * 1000,
        onOutage: outage => void reportOutage({ store, config, contacts, clock, logger }, outage)
          .then(() => queue.wake())
          .catch((error: unknown) => logger.error('outage report not planned', { error: String(error) })),
      })
    : undefined
  // Sending and the schedule begin once WeChat is there (catch-up runs happen now too).
  bot.on('login', () => {
    void queue.start().catch((error: unknown) => logger.error('send queue failed to start', { error: String(error) }))
    void scheduler.start().catch((error: unknown) => logger.error('scheduler failed to start', { error: String(error) }))
  })
  return {
    bot,
    queue,
    drain: () => attached.drain(),
    async stop({ drainMs = 10_000 } = {}) {
      connection?.stop()
      attached.close()
      const settled = Promise.all([attached.drain(), scheduler.stop(), queue.close()])
      await Promise.race([settled, new Promise(r => setTimeout(r, drainMs).unref())])
      await store.close()
      await bot.stop().catch((error: unknown) => logger.warn('bot stop failed', { error: String(error) }))
    },
  }
}
