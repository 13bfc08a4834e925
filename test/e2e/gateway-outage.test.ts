/**
 * The gateway goes away and comes back, through the real transport (PuppetServer + wechaty-puppet-service
 * on 127.0.0.1), with the connection watch `npm start` uses: the bot logs in again by itself, answers
 * orders again, and each admin gets exactly one outage report with the right times.
 *
 * Timeline (heartbeat 1 s, watchdog `gateway.timeoutSeconds` 10, `loginGraceSeconds` 10): the server
 * stops → PuppetService's watchdog resets about 10 s later and fails (gateway still down) → the server
 * comes back → the supervisor restarts the bot 10 s after the logout → login → report.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { mock } from 'wechaty-puppet-mock'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import { createGatewayPuppet } from '../../src/adapters/wechaty/connection.js'
import { parseConfig } from '../../src/app/config.js'
import { createBotApp, type BotApp } from '../../src/bot.js'
import type { Logger } from '../../src/domain/logger.js'
import type { Store } from '../../src/domain/ports.js'
import { Inbox, startGateway, waitFor, type Gateway } from '../helpers/gateway.js'

dayjs.extend(utc)
dayjs.extend(timezone)

const TZ = 'Asia/Shanghai'

let gw: Gateway
let app: BotApp
let store: Store
let boss: mock.ContactMock
let wang: mock.ContactMock
let room: mock.RoomMock
let roomInbox: Inbox
let bossInbox: Inbox
let logins = 0
let logouts = 0
const logs: { level: string, message: string, fields?: Record<string, unknown> }[] = []
const logger: Logger = {
  info: (message, fields) => logs.push({ level: 'info', message, fields }),
  warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
  error: (message, fields) => logs.push({ level: 'error', message, fields }),
}

beforeAll(async () => {
  gw = await startGateway({ heartbeatMs: 1_000 })
  boss = gw.mocker.createContact({ name: '老板' })
  wang = gw.mocker.createContact({ name: '小王' })
  room = gw.mocker.createRoom({ topic: '报单群', memberIdList: [gw.self.id, boss.id, wang.id] })
  roomInbox = new Inbox(room, gw.self.id)
  bossInbox = new Inbox(boss, gw.self.id)
  const dbFile = join(mkdtempSync(join(tmpdir(), 'wxcrm-e2e-outage-')), 'db.json')
  const config = parseConfig({
    fileText: JSON.stringify({
      loginGraceSeconds: 10,
      outageReportSeconds: 5,
      gateway: { timeoutSeconds: 10 },
      // Send at once, at any hour the test runs.
      sending: { gapSeconds: { min: 0, max: 0 }, quietHours: { start: '00:00', end: '00:00' } },
    }),
    env: {
      WXCRM_ADMINS: '老板',
      WXCRM_DB: dbFile,
      WXCRM_TZ: TZ,
      WECHATY_PUPPET_SERVICE_TOKEN: gw.token,
      WECHATY_PUPPET_SERVICE_ENDPOINT: gw.endpoint,
      WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
    },
  })
  store = await openFileStore({ file: dbFile, today: () => dayjs().tz(TZ).format('YYYY-MM-DD') })
  // As main.ts does in gateway mode.
  app = createBotApp({ puppet: createGatewayPuppet(config.gateway), store, config, logger, supervise: true })
  app.bot.on('login', () => { logins++ })
  app.bot.on('logout', () => { logouts++ })
  await app.bot.start()
  await waitFor(() => app.bot.isLoggedIn, 20_000, 'login')
})

afterAll(async () => {
  await app?.stop()
  await gw?.stop()
})

/** Instants (ms) a report line `<label>：11月23日 14:05:09` may stand for, with the seconds it names. */
function reportedAt(text: string, label: string): number {
  const m = new RegExp(`${label}：(\\d+)月(\\d+)日 (\\d\\d):(\\d\\d):(\\d\\d)`).exec(text)
  expect(m, `${label} line in:\n${text}`).not.toBeNull()
  const [, mo, d, h, mi, s] = m!.map(Number)
  const year = dayjs().tz(TZ).year()
  return dayjs.tz(`${year}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')} ${h}:${mi}:${s}`, 'YYYY-MM-DD H:m:s', TZ).valueOf()
}

const customerNames = (): string[] => store.customers.all().map(c => c.name)

describe('the gateway goes away and comes back', () => {
  it('takes orders before the outage', async () => {
    expect(await roomInbox.after(() => boss.say('代理 添加 小王').to(room))).toContain('已添加代理：小王')
    expect(await roomInbox.after(() => wang.say('张三 13800138000 面膜2盒 398 已付').to(room))).toMatch(/已记录[\s\S]*张三[\s\S]*¥398/)
  })

  it('logs in again by itself, reports the outage once to the admin, and takes orders again', async () => {
    const loginsBefore = logins
    const repliesBefore = roomInbox.received.length
    const stoppedAt = Date.now()
    await gw.stopServer()

    // Sent while the gateway is away: the bot never hears of it (WECHATY.md 1.6).
    wang.say('李四 13900139000 精华1瓶 199 已付').to(room)
    // The puppet's watchdog notices the silence and resets; the gateway is still down, so that fails.
    await waitFor(() => logouts > 0 && !app.bot.isLoggedIn, 20_000, 'the watchdog reset (logout)')
    const loggedOutAt = Date.now()
    await new Promise(r => setTimeout(r, 6_000))
    expect(app.bot.isLoggedIn, 'the failed reset does not recover by itself').toBe(false)
    const serverBackAt = Date.now()
    await gw.startServer()

    // No manual restart: the supervisor restarts the bot 10 s (loginGraceSeconds) after the logout.
    await waitFor(() => logins > loginsBefore && app.bot.isLoggedIn, 30_000, 'login after the gateway came back')
    const loggedInAt = Date.now()
    expect(logs.some(l => l.message.startsWith('offline for the whole grace period')), 'the supervisor restarted the bot').toBe(true)

    const report = await bossInbox.nth(1, 10_000)
    expect(report).toContain('连接断开过，现在已自动恢复')
    expect(report).toMatch(/可能晚到，也可能收不到/)
    const lostAt = reportedAt(report, '断开')
    const backAt = reportedAt(report, '恢复')
    // Whole seconds in the text: the drop is when the server stopped, the return when the bot logged in again.
    expect(lostAt).toBeGreaterThanOrEqual(Math.floor(stoppedAt / 1000) * 1000)
    expect(lostAt).toBeLessThanOrEqual(stoppedAt + 2_000)
    expect(backAt).toBeGreaterThanOrEqual(Math.floor(serverBackAt / 1000) * 1000)
    expect(backAt).toBeLessThanOrEqual(loggedInAt + 1_000)
    const [, min, sec] = /时长：(?:(\d+)分)?(\d+)秒/.exec(report) ?? []
    const seconds = Number(min ?? 0) * 60 + Number(sec)
    expect(seconds).toBe((backAt - lostAt) / 1000)
    expect(seconds).toBeGreaterThanOrEqual(10)
    console.info(`outage: server down ${((serverBackAt - stoppedAt) / 1000).toFixed(1)} s, watchdog logout after ${((loggedOutAt - stoppedAt) / 1000).toFixed(1)} s, `
      + `login after ${((loggedInAt - stoppedAt) / 1000).toFixed(1)} s, reported ${seconds} s`)

    // The order sent meanwhile was lost, no reply went to the room, and the agent's new order is confirmed.
    expect(customerNames()).not.toContain('李四')
    expect(roomInbox.received.length).toBe(repliesBefore)
    expect(await roomInbox.after(() => wang.say('王五 13700137000 洗面奶1支 99 已付').to(room))).toMatch(/已记录[\s\S]*王五[\s\S]*¥99/)
    expect(await roomInbox.after(() => wang.say('李四 13900139000 精华1瓶 199 已付').to(room))).toMatch(/已记录[\s\S]*李四[\s\S]*¥199/)
    expect(store.orders.all()).toHaveLength(3)
  }, 60_000)

  it('sends exactly one report and logs the outage once', async () => {
    await new Promise(r => setTimeout(r, 3_000))
    await app.queue.idle()
    expect(bossInbox.received.map(r => r.text).filter(t => t.includes('连接断开过'))).toHaveLength(1)
    const reports = store.outbox.all().filter(e => e.dedupeKey.startsWith('outage:'))
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ kind: 'alert', status: 'sent' })
    const over = logs.filter(l => l.message.startsWith('gateway outage over'))
    expect(over).toHaveLength(1)
    expect(over[0]!.fields).toMatchObject({ reason: '1 CANCELLED: Call cancelled' })
    expect(logs.filter(l => l.message === 'gateway connection lost')).toHaveLength(1)
  })
})

describe('a short outage', () => {
  it('is recovered by the puppet\'s own watchdog, without a supervisor restart, and reported once', async () => {
    const loginsBefore = logins
    const restartsBefore = logs.filter(l => l.message === 'offline: restarting the puppet').length
    const stoppedAt = Date.now()
    await gw.stopServer()
    await new Promise(r => setTimeout(r, 2_000))
    await gw.startServer()
    // Nothing happens until the watchdog resets, 10 s after the last event; that reset logs in again.
    await waitFor(() => logins > loginsBefore && app.bot.isLoggedIn, 20_000, 'login after the watchdog reset')
    const loggedInAt = Date.now()
    console.info(`short outage: server down 2 s, login after ${((loggedInAt - stoppedAt) / 1000).toFixed(1)} s`)
    expect(logs.filter(l => l.message === 'offline: restarting the puppet')).toHaveLength(restartsBefore)

    const report = await bossInbox.nth(2, 10_000)
    expect(report).toContain('连接断开过，现在已自动恢复')
    expect(reportedAt(report, '断开')).toBeGreaterThanOrEqual(Math.floor(stoppedAt / 1000) * 1000)
    expect(reportedAt(report, '恢复')).toBeLessThanOrEqual(loggedInAt + 1_000)
    expect(await roomInbox.after(() => wang.say('赵六 13600136000 面膜1盒 199 已付').to(room))).toMatch(/已记录[\s\S]*赵六/)
    await new Promise(r => setTimeout(r, 2_000))
    await app.queue.idle()
    expect(bossInbox.received.filter(r => r.text.includes('连接断开过'))).toHaveLength(2)
    expect(store.outbox.all().filter(e => e.dedupeKey.startsWith('outage:'))).toHaveLength(2)
  }, 40_000)
})
