/** 任务 invite / perks through the router's front door, and the invitation states. */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { parseConfig } from '../../src/app/config.js'
import { inviteFailed, inviteSent, roomMembershipChanged } from '../../src/app/jobs/invite-state.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { withAgents } from '../helpers/test-app.js'

const monthly = (n: number) => Array.from({ length: n }, (_, i) => {
  const d = new Date(Date.UTC(2026, 10, 15))
  d.setUTCMonth(d.getUTCMonth() - i)
  return d.toISOString().slice(0, 10)
})

/** L1 and L2 loyal (linked to wx-l1, wx-l2), L3 loyal but not linked; D1 dormant; all 小王's (a1). */
function seeded() {
  const store = createMemoryStore()
  let no = 0
  const add = (id: string, contactId: string | null, dates: string[], fen: number) => {
    store.customers.add(aCustomer({ id, name: id, agentId: 'a1', contactId }))
    for (const placedOn of dates) store.orders.add(anOrder({ id: `o${++no}`, no, customerId: id, agentId: 'a1', placedOn, amountFen: fen }))
  }
  add('L1', 'wx-l1', monthly(18), 50_000)
  add('L2', 'wx-l2', monthly(14), 40_000)
  add('L3', null, monthly(12), 45_000)
  add('D1', null, ['2025-06-01', '2025-07-01', '2025-08-01'], 10_000)
  return store
}

async function appWithRoom() {
  const app = await withAgents({ store: seeded() })
  app.chat.rooms.push({ id: 'vip@chatroom', topic: 'ＶＩＰ客户群', memberIds: ['wx-boss'] })
  await app.say(app.boss, '设置 VIP群 VIP客户群')
  return app
}

describe('任务 invite', () => {
  it('asks for the VIP room first', async () => {
    const app = await withAgents({ store: seeded() })
    expect((await app.say(app.boss, '任务 invite 预览'))[0]).toContain('还没有设置 VIP 群')
  })

  it('previews the linked loyal customers, changing nothing', async () => {
    const app = await appWithRoom()
    const [reply] = await app.say(app.boss, '任务 invite 预览')
    expect(reply).toContain('入群邀请 2 条')
    expect(reply).toContain('邀请 L1 加入「ＶＩＰ客户群」')
    expect(reply).toContain('【入群邀请】发给 L1\n')
    expect(reply).toContain('没有绑定微信或已退订 1 位')
    expect(app.store.outbox.all()).toEqual([])
    expect(app.store.invites.all()).toEqual([])
  })

  it('plans each invitation once, records it planned, then invited, joined, left — and never again', async () => {
    const app = await appWithRoom()
    await app.say(app.boss, '任务 invite')
    const entries = app.store.outbox.all().filter(e => e.kind === 'invite')
    expect(entries.map(e => e.dedupeKey)).toEqual(['invite:L1:vip@chatroom', 'invite:L2:vip@chatroom'])
    expect(app.store.invites.all().map(r => [r.customerId, r.status])).toEqual([['L1', 'planned'], ['L2', 'planned']])
    const at = new Date('2026-11-23T03:00:00.000Z')
    inviteSent(app.store, entries[0]!, at)
    inviteFailed(app.store, entries[1]!, at)
    expect(app.store.invites.all().map(r => r.status)).toEqual(['invited', 'failed'])
    expect(roomMembershipChanged(app.store, 'vip@chatroom', ['wx-l1'], 'join', at)).toBe(1)
    expect(app.store.invites.get('L1', 'vip@chatroom')?.status).toBe('joined')
    roomMembershipChanged(app.store, 'vip@chatroom', ['wx-l1'], 'leave', at)
    expect(app.store.invites.get('L1', 'vip@chatroom')?.status).toBe('left')
    app.setNow(new Date('2026-12-23T02:00:00.000Z'))
    expect((await app.say(app.boss, '任务 invite 预览'))[0]).toContain('没有要发送的消息。')
  })

  it('never invites someone who left the room before they were ever invited', async () => {
    const app = await appWithRoom()
    expect(roomMembershipChanged(app.store, 'vip@chatroom', ['wx-l2'], 'leave', new Date('2026-11-20T00:00:00.000Z'))).toBe(1)
    expect(app.store.invites.get('L2', 'vip@chatroom')?.status).toBe('left')
    await app.say(app.boss, '任务 invite')
    expect(app.store.outbox.all().filter(e => e.kind === 'invite').map(e => e.customerId)).toEqual(['L1'])
  })

  it('records members already in the room as joined (a membership check)', async () => {
    const app = await appWithRoom()
    app.chat.rooms[0]!.memberIds.push('wx-l2')
    await app.say(app.boss, '任务 invite')
    expect(app.store.invites.all().map(r => [r.customerId, r.status])).toEqual([['L2', 'joined'], ['L1', 'planned']])
  })

  it('respects the daily cap (sending.dailyCaps.invite)', async () => {
    const capped = parseConfig({ fileText: '{"sending": {"dailyCaps": {"invite": 1}}}', env: {} })
    const app = await withAgents({ store: seeded(), config: { sending: capped.sending } })
    app.chat.rooms.push({ id: 'vip@chatroom', topic: 'VIP客户群', memberIds: [] })
    await app.say(app.boss, '设置 VIP群 VIP客户群')
    await app.say(app.boss, '任务 invite')
    expect(app.store.outbox.all().map(e => e.customerId)).toEqual(['L1'])
  })
})

describe('任务 perks', () => {
  it('previews and plans one perk per milestone, to the customer or to the agent to pass on', async () => {
    const app = await withAgents({ store: seeded() })
    const wangId = app.store.agents.byName('小王')!.id
    for (const c of app.store.customers.all()) app.store.customers.update({ ...c, agentId: wangId })
    const [preview] = await app.say(app.boss, '任务 perks 预览')
    expect(preview).toMatch(/【会员福利】发给 \S+\n   L1您好！/)
    expect(preview).toContain('您已经在我们这里下了 10 单')
    expect(preview).toContain('客户 L3 达成了会员福利，机器人联系不到本人，请您转达')
    expect(app.store.outbox.all()).toEqual([])
    await app.say(app.boss, '任务 perks')
    const keys = app.store.outbox.all().map(e => e.dedupeKey)
    expect(keys).toContain('perk:L1:order10')
    expect(keys).toContain('perk:L1:spend2026')
    expect(app.store.outbox.all().find(e => e.dedupeKey === 'perk:L3:order10')?.to).toEqual({ contactId: 'wx-wang' })
    expect((await app.say(app.boss, '任务 perks 预览'))[0]).toContain('没有要发送的消息。')
  })
})
