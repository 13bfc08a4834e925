/**
 * WeChat's throttling notice through the real transport (PuppetServer + wechaty-puppet-service on
 * 127.0.0.1): it arrives as a message of unknown type under the bot's own account (puppet-padlocal#109);
 * the send queue stops and the admin is alerted once. A customer typing the same words changes nothing.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as PUPPET from 'wechaty-puppet'
import type { mock } from 'wechaty-puppet-mock'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import type { BotApp } from '../../src/bot.js'
import { botConfig, type Gateway, Inbox, startBot, startGateway } from '../helpers/gateway.js'

let gw: Gateway
let app: BotApp
let boss: mock.ContactMock
let customer: mock.ContactMock
let room: mock.RoomMock
let bossInbox: Inbox

beforeAll(async () => {
  gw = await startGateway()
  boss = gw.mocker.createContact({ name: '老板' })
  customer = gw.mocker.createContact({ name: '李姐' })
  room = gw.mocker.createRoom({ topic: 'VIP客户群', memberIdList: [gw.self.id, boss.id, customer.id] })
  bossInbox = new Inbox(boss, gw.self.id)
  const dbFile = join(mkdtempSync(join(tmpdir(), 'wxcrm-e2e-rl-')), 'db.json')
  const config = botConfig(gw, dbFile)
  const store = await openFileStore({ file: dbFile, today: () => '2026-11-23' })
  store.admins.add({ contactId: boss.id, name: '老板', boundAt: new Date().toISOString() })
  await store.commit()
  app = await startBot(gw, store, config)
})

afterAll(async () => {
  await app?.stop()
  await gw?.stop()
})

/** WeChat's notice, shown in the room as a message of unknown type from the bot account. */
function throttleNotice(): void {
  const id = `notice-${randomUUID()}`
  gw.mocker.MessageMock.create({
    id, talkerId: gw.self.id, roomId: room.id, mentionIdList: [], timestamp: Date.now(),
    type: PUPPET.types.Message.Unknown, text: '操作过于频繁，可稍后再试。',
  } as PUPPET.payloads.Message)
  gw.puppet.emit('message', { messageId: id })
}

/** Resolves once the bot has received `n` messages with this text. */
function seen(text: string, n = 1): Promise<void> {
  let count = 0
  return new Promise(resolve => app.bot.on('message', (m) => {
    if (m.text() === text && ++count === n) resolve()
  }))
}

describe('a rate-limit notice from the gateway', () => {
  it('is ignored when a customer merely types the words', async () => {
    const received = seen('操作过于频繁')
    customer.say('操作过于频繁').to(room)
    await received
    await app.drain()
    expect(app.queue.state()).toBe('running')
  })

  it('stops the send queue and alerts the admin once, however often it comes', async () => {
    const received = seen('操作过于频繁，可稍后再试。', 2)
    throttleNotice()
    throttleNotice()
    await received
    expect(app.queue.state()).toBe('stopped')
    expect(app.queue.stoppedBy()).toBe('操作过于频繁，可稍后再试。')
    await app.queue.idle()
    expect(await bossInbox.nth(1)).toContain('已暂停全部自动发送')
    expect(bossInbox.received).toHaveLength(1)
  })
})
