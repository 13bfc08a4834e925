/**
 * Composition root: reads the configuration, opens the database, connects to the WeChat gateway
 * (or, with no gateway token, to an embedded mock WeChat with a terminal chat) and runs the bot.
 */
import { randomInt } from 'node:crypto'
import { dirname, join, resolve } from 'node:path'
import type { impls } from 'wechaty-puppet'
import { startLocalChat, LOCAL_HELP } from './adapters/console/local-chat.js'
import { LOCAL_ADMIN, LOCAL_ORDER_ROOM, LOCAL_ROOMS_KEY, localContactName, readLocalIds, readLocalRooms, writeLocalRooms } from './adapters/console/local-world.js'
import { createConsoleLogger } from './adapters/console-logger.js'
import { DbLoadError } from './adapters/store/file-store.js'
import { DatabaseUnreachableError, openConfiguredStore } from './adapters/store/open-store.js'
import { MerchantLockedError } from './adapters/store/pg/merchant-lock.js'
import { PgDataProblem } from './adapters/store/pg/pg-load.js'
import { systemClock } from './adapters/system-clock.js'
import { createGatewayPuppet } from './adapters/wechaty/connection.js'
import { LocalPuppet } from './adapters/wechaty/mock-puppet.js'
import { createAdminCode } from './app/admin-code.js'
import { ConfigError, ENV_KEYS, isGatewayMode } from './app/config.js'
import { localDate } from './app/local-time.js'
import { BIND_ADMIN_WORD } from './app/router/router.js'
import { createBotApp } from './bot.js'
import { loadConfig } from './load-config.js'

/** Settings key listing contact ids that earlier local runs made up at random (re-linked by name). */
const LOCAL_IDS_KEY = 'localModeContactIds'

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const local = !isGatewayMode(config)
  const logger = createConsoleLogger({ quiet: local })
  // Local-mode files are kept beside the database file (in data/ by default), whichever engine holds the data.
  const dbFile = resolve(config.dbPath)
  const { store, where } = await openConfiguredStore(config, {
    today: () => localDate(new Date(), config.timezone),
    backupsKept: config.backupsKept,
    // New orders are answered at once; older order parts are read in the background.
    olderOrdersLater: true,
    logger,
  })

  const now = systemClock.now()
  const adminCode = createAdminCode({ code: String(randomInt(100_000, 1_000_000)), issuedAt: now, ttlMinutes: config.adminCodeMinutes })

  const puppet: impls.PuppetInterface = local ? new LocalPuppet({ selfName: '店小二' }) : createGatewayPuppet(config.gateway)
  // In gateway mode the app watches the connection: restarts when offline, reports outages to admins.
  const app = createBotApp({ puppet, store, config, logger, adminCode, supervise: !local })
  const { bot } = app
  bot.on('scan', (qrcode, status) => logger.info('scan the QR code to log in', { status, qrcode }))

  let stopping = false
  async function shutdown(code: number, force: boolean): Promise<void> {
    if (stopping) {
      // A second SIGTERM (service managers and process groups send more than one) waits for the first;
      // a second Ctrl-C means "now".
      if (force) process.exit(code)
      return
    }
    stopping = true
    await app.stop()
    console.error('wxcrm 已停止，数据已保存。')
    process.exit(code)
  }
  // An older order part that cannot be read stops the bot, as it would have stopped it at start.
  store.whenLoaded().catch((error: unknown) => {
    if (!(error instanceof DbLoadError || error instanceof PgDataProblem)) return
    console.error(error.message)
    void shutdown(1, false)
  })
  process.on('SIGTERM', () => void shutdown(0, false))
  process.on('SIGINT', () => void shutdown(0, true))

  const loggedIn = new Promise<void>(resolve => bot.once('login', () => resolve()))
  await bot.start()
  console.error(`wxcrm 已启动。数据库：${where}`)
  console.error(`绑定管理员：用微信私聊机器人发送“${BIND_ADMIN_WORD} ${adminCode.current(now)}”（${config.adminCodeMinutes} 分钟内有效，只能用一次）`)
  if (local) {
    await loggedIn
    const { gapSeconds, quietHours } = config.sending
    console.log([
      '',
      `本地模式（没有设置 ${ENV_KEYS.token}）：一个模拟的微信，机器人已登录。`,
      `你现在是「${LOCAL_ADMIN}」（管理员），在「${LOCAL_ORDER_ROOM}」里说话。试试依次输入：`,
      '  代理 添加 小王',
      '  /as 小王',
      '  张三 13800138000 面膜2盒 398 已付',
      LOCAL_HELP,
      `机器人自己发的消息（提醒、简报、唤醒、邀请）走发件箱：每条间隔 ${gapSeconds.min}–${gapSeconds.max} 秒，${quietHours.start === quietHours.end ? '没有安静时段' : `${quietHours.start}–${quietHours.end} 不发`}（配置 sending）。`,
      `机器人发的文件保存在 ${join(dirname(dbFile), 'local-files')}`,
      '',
    ].join('\n'))
    const agents = store.agents.all().filter(a => a.active)
    // Customers linked to a contact of the mock WeChat (by the demo, or 绑定 in an earlier run) find it again.
    const linked = store.customers.all().flatMap((c) => {
      const name = c.contactId ? localContactName(c.contactId) : null
      return name ? [name] : []
    })
    const chat = startLocalChat({
      puppet: puppet as LocalPuppet,
      adminName: LOCAL_ADMIN,
      orderRoom: LOCAL_ORDER_ROOM,
      contacts: [...new Set(['小王', '小李', ...agents.map(a => a.name), ...linked])],
      rooms: readLocalRooms(store.settings.get(LOCAL_ROOMS_KEY)),
      onRoomsChanged: (rooms) => {
        store.settings.set(LOCAL_ROOMS_KEY, writeLocalRooms(rooms))
        void store.commit().catch((error: unknown) => logger.error('local rooms not saved', { error: String(error) }))
      },
      filesDir: join(dirname(dbFile), 'local-files'),
      onQuit: () => void shutdown(0, true),
    })
    // Local contact ids are made from names (local-小王). Agents linked by an earlier local run (with ids
    // made up at random, before that) or never linked, like the demo's, are linked by name; agents bound
    // to real WeChat ids are left alone: starting without a token must not cut them off the database.
    const earlierIds = new Set(readLocalIds(store.settings.get(LOCAL_IDS_KEY)))
    const isLocal = (id: string): boolean => earlierIds.has(id) || localContactName(id) !== null
    // The terminal's merchant is bound as admin by id; bindings from earlier local runs are dropped.
    for (const a of store.admins.all()) if (isLocal(a.contactId)) store.admins.remove(a.contactId)
    store.admins.add({ contactId: chat.contactId(LOCAL_ADMIN), name: LOCAL_ADMIN, boundAt: new Date().toISOString() })
    for (const a of agents) {
      if (a.contactId !== null && !isLocal(a.contactId)) continue
      const id = chat.contactId(a.name)
      if (a.contactId !== id) store.agents.update({ ...a, contactId: id })
    }
    await store.commit()
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DbLoadError || error instanceof DatabaseUnreachableError || error instanceof MerchantLockedError || error instanceof PgDataProblem) console.error(error.message)
  else console.error('wxcrm 启动失败：', error)
  process.exit(1)
})
