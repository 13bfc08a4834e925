/**
 * A bot started on a database with several order parts, opened as `npm start` opens it (older order
 * parts read in the background), through wechaty-puppet-service on 127.0.0.1: a new order is
 * confirmed, and a question about a customer counts every order, the older ones included.
 */
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { mock } from 'wechaty-puppet-mock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openFileStore, writeAll, type FileStore } from '../../src/adapters/store/file-store.js'
import { dataDirOf } from '../../src/adapters/store/layout.js'
import { LOADING_NOTICE } from '../../src/app/router/history-steps.js'
import type { BotApp } from '../../src/bot.js'
import { botConfig, type Gateway, Inbox, startBot, startGateway } from '../helpers/gateway.js'
import { LARGE_CUSTOMERS, LARGE_ORDERS, largeCustomerName, largeDatabase } from '../helpers/large-db.js'

let gw: Gateway
let dbFile: string
let store: FileStore
let app: BotApp
let boss: mock.ContactMock
let wang: mock.ContactMock
let room: mock.RoomMock
let inbox: Inbox
let bossInbox: Inbox
let loadedAtOpen: boolean

beforeAll(async () => {
  gw = await startGateway()
  boss = gw.mocker.createContact({ name: '老板' })
  wang = gw.mocker.createContact({ name: '小王' })
  room = gw.mocker.createRoom({ topic: '报单群', memberIdList: [gw.self.id, boss.id, wang.id] })
  inbox = new Inbox(room, gw.self.id)
  bossInbox = new Inbox(boss, gw.self.id)
  dbFile = join(mkdtempSync(join(tmpdir(), 'wxcrm-e2e-older-')), 'db.json')
  await writeAll(dbFile, dataDirOf(dbFile), largeDatabase(wang.id))
  store = await openFileStore({ file: dbFile, today: () => '2026-12-07', now: () => new Date('2026-12-07T02:00:00.000Z'), olderOrdersLater: true })
  loadedAtOpen = store.loaded()
  app = await startBot(gw, store, botConfig(gw, dbFile, { env: { WXCRM_ADMINS: '老板' } }))
}, 60_000)

afterAll(async () => {
  await app?.stop()
  await gw?.stop()
  if (dbFile) await rm(dirname(dbFile), { recursive: true, force: true })
})

describe('a bot answering before its older orders are read', () => {
  it('confirms a new order, and counts every order when asked about the customer', async () => {
    expect(loadedAtOpen).toBe(false)
    const name = largeCustomerName(1)
    expect(await inbox.after(() => wang.say(`${name} 面膜1盒 99 已付`).to(room))).toMatch(new RegExp(`✅ 已记录[\\s\\S]*${name}`))
    // Customer 1 holds every 50th order of the database, and now the new one.
    const count = LARGE_ORDERS / LARGE_CUSTOMERS + 1
    let profile = await bossInbox.after(() => boss.say(`客户 ${name}`).to(gw.self))
    // On a busy machine reading the older parts may take over a second: the merchant is told first.
    if (profile === LOADING_NOTICE) profile = await bossInbox.nth(bossInbox.received.length + 1)
    expect(profile).toContain(`（${count}单）`)
    expect(store.loaded()).toBe(true)
  })
})
