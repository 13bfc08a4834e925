/**
 * VIP room invitations and reactivation through the real transport (PuppetServer + LocalPuppet +
 * wechaty-puppet-service on 127.0.0.1), triggered by 任务 in chat and delivered by the send queue:
 * a loyal friend is added to a small VIP room and recorded joined; in a room of 40 or more they get an
 * invitation and stay invited; a dormant customer gets one reactivation message and none after 退订.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { mock } from 'wechaty-puppet-mock'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import type { BotApp } from '../../src/bot.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { botConfig, type Gateway, Inbox, startBot, startGateway, waitFor } from '../helpers/gateway.js'

let gw: Gateway
let app: BotApp
let boss: mock.ContactMock
let loyal1: mock.ContactMock
let loyal2: mock.ContactMock
let dormant: mock.ContactMock
let bossInbox: Inbox
let dormantInbox: Inbox
let smallRoom: mock.RoomMock
let bigRoom: mock.RoomMock
let store: Awaited<ReturnType<typeof openFileStore>>
/** The bot's clock: 2026-11-23 10:00 Shanghai plus real elapsed time plus what a test skips ahead. */
const started = Date.now()
let skippedMs = 0
const clock = { now: () => new Date(Date.parse('2026-11-23T02:00:00.000Z') + (Date.now() - started) + skippedMs) }

const monthly = (n: number) => Array.from({ length: n }, (_, i) => {
  const d = new Date(Date.UTC(2026, 10, 15))
  d.setUTCMonth(d.getUTCMonth() - i)
  return d.toISOString().slice(0, 10)
})

beforeAll(async () => {
  gw = await startGateway()
  boss = gw.mocker.createContact({ name: '老板' })
  loyal1 = gw.mocker.createContact({ name: '陈一' })
  loyal2 = gw.mocker.createContact({ name: '陈二' })
  dormant = gw.mocker.createContact({ name: '王五' })
  const filler = Array.from({ length: 40 }, (_, i) => gw.mocker.createContact({ name: `群友${i}` }))
  smallRoom = gw.mocker.createRoom({ topic: 'VIP客户群', memberIdList: [gw.self.id, boss.id] })
  bigRoom = gw.mocker.createRoom({ topic: 'VIP大群', memberIdList: [gw.self.id, ...filler.map(c => c.id)] })
  bossInbox = new Inbox(boss, gw.self.id)
  dormantInbox = new Inbox(dormant, gw.self.id)
  const dbFile = join(mkdtempSync(join(tmpdir(), 'wxcrm-e2e-vip-')), 'db.json')
  const fileText = JSON.stringify({ sending: { quietHours: { start: '00:00', end: '00:00' }, gapSeconds: { min: 0, max: 0 } } })
  const config = botConfig(gw, dbFile, { fileText })
  store = await openFileStore({ file: dbFile, today: () => '2026-11-23' })
  store.admins.add({ contactId: boss.id, name: '老板', boundAt: new Date().toISOString() })
  let no = 0
  const add = (id: string, name: string, contactId: string, dates: string[], fen: number) => {
    store.customers.add(aCustomer({ id, name, contactId }))
    for (const placedOn of dates) store.orders.add(anOrder({ id: `o${++no}`, no, customerId: id, placedOn, amountFen: fen }))
  }
  add('L1', '陈一', loyal1.id, monthly(18), 50_000)
  add('L2', '陈二', loyal2.id, monthly(14), 40_000)
  add('D1', '王五', dormant.id, ['2025-06-01', '2025-07-01', '2025-08-01'], 10_000)
  await store.commit()
  app = await startBot(gw, store, config, { clock })
}, 60_000)

afterAll(async () => {
  await app?.stop()
  await gw?.stop()
})

const inviteOf = (customerId: string, roomId: string) => store.invites.get(customerId, roomId)?.status

describe('VIP room invitations through the transport', () => {
  it('a loyal friend is added to the small VIP room and recorded joined', async () => {
    expect(await bossInbox.after(() => boss.say('设置 VIP群 VIP客户群').to(gw.self), 20_000)).toContain('VIP客户群')
    // L2 waits for the big room: only L1 is a contact for now.
    store.customers.update({ ...store.customers.byId('L2')!, contactId: null })
    expect(await bossInbox.after(() => boss.say('任务 invite').to(gw.self), 20_000)).toContain('已放入发件箱 1 条')
    await waitFor(() => smallRoom.payload.memberIdList.includes(loyal1.id), 20_000, '陈一 in the VIP room')
    await waitFor(() => inviteOf('L1', smallRoom.id) === 'joined', 20_000, 'L1 recorded joined')
    expect(store.outbox.all().filter(e => e.kind === 'invite').map(e => e.status)).toEqual(['sent'])
  }, 60_000)

  it('one who leaves is recorded left and never invited again', async () => {
    smallRoom.remove(loyal1).by(boss)
    await waitFor(() => inviteOf('L1', smallRoom.id) === 'left', 20_000, 'L1 recorded left')
    expect(await bossInbox.after(() => boss.say('任务 invite').to(gw.self), 20_000)).not.toContain('已放入发件箱 1 条')
    expect(store.outbox.all().filter(e => e.kind === 'invite')).toHaveLength(1)
  }, 60_000)

  it('in a room of 40 or more members the customer gets an invitation and stays invited', async () => {
    store.customers.update({ ...store.customers.byId('L2')!, contactId: loyal2.id })
    await bossInbox.after(() => boss.say('设置 VIP群 VIP大群').to(gw.self), 20_000)
    expect(await bossInbox.after(() => boss.say('任务 invite').to(gw.self), 20_000)).toContain('已放入发件箱')
    await waitFor(() => gw.puppet.invitations.some(i => i.contactId === loyal2.id && i.roomId === bigRoom.id), 20_000, 'an invitation to 陈二')
    await waitFor(() => inviteOf('L2', bigRoom.id) === 'invited', 20_000, 'L2 recorded invited')
    expect(bigRoom.payload.memberIdList).not.toContain(loyal2.id)
    await new Promise(r => setTimeout(r, 300))
    expect(inviteOf('L2', bigRoom.id)).toBe('invited')
  }, 60_000)
})

describe('reactivation through the transport', () => {
  it('a dormant linked customer receives one message, and none after 退订', async () => {
    await bossInbox.after(() => boss.say('任务 reclassify').to(gw.self), 20_000)
    expect(await bossInbox.after(() => boss.say('任务 reactivate').to(gw.self), 20_000)).toContain('已放入发件箱 1 条')
    expect(await dormantInbox.nth(1, 20_000)).toContain('王五')
    await dormantInbox.after(() => dormant.say('退订').to(gw.self), 20_000)
    const received = dormantInbox.received.length
    skippedMs = 40 * 86_400_000
    expect(await bossInbox.after(() => boss.say('任务 reactivate').to(gw.self), 20_000)).not.toContain('已放入发件箱 1 条')
    await new Promise(r => setTimeout(r, 500))
    await app.queue.idle()
    expect(dormantInbox.received.length).toBe(received)
    expect(store.outbox.all().filter(e => e.kind === 'reactivation' && e.customerId === 'D1')).toHaveLength(1)
  }, 60_000)
})

describe('prospects from a customer group, through the transport', () => {
  it('someone who joins the VIP room and is not a customer becomes an unassigned prospect the admins see', async () => {
    // The VIP room is the small one again (a test above moved it to the big one).
    expect(await bossInbox.after(() => boss.say('设置 VIP群 VIP客户群').to(gw.self), 20_000)).toContain('VIP客户群')
    const passer = gw.mocker.createContact({ name: '路人甲' })
    smallRoom.add(passer).by(gw.self)
    await waitFor(() => store.customers.byContact(passer.id)?.prospect !== undefined, 20_000, '路人甲 recorded as a prospect')
    expect(store.customers.byContact(passer.id)).toMatchObject({ name: '路人甲', agentId: null, prospect: { source: '群' } })
    expect(await bossInbox.after(() => boss.say('意向客户').to(gw.self), 20_000)).toMatch(/\n1\. 路人甲（未分配） C级 · 群 /)
  }, 60_000)
})
