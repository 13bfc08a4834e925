/** 任务 nudge / digest through the router's front door, on a small fixed store. */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { parseConfig } from '../../src/app/config.js'
import { sendingWindow } from '../../src/app/jobs/reactivate-job.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { withAgents } from '../helpers/test-app.js'

/** 小王 (a1) owns c1 (recent), c2 (long silent) and c3 (long silent, opted out); c4 belongs to 小李 (a2). */
function seeded() {
  const store = createMemoryStore()
  const rows = [
    ['c1', '张三', 'a1', false, ['2026-11-01', '2026-11-15']],
    ['c2', '王五', 'a1', false, ['2025-06-01', '2025-07-01', '2025-08-01']],
    ['c3', '赵六', 'a1', true, ['2025-05-01', '2025-06-01']],
    ['c4', '李四', 'a2', false, ['2025-04-01', '2025-05-01']],
  ] as const
  let no = 0
  for (const [id, name, agentId, optedOut, dates] of rows) {
    store.customers.add(aCustomer({ id, name, agentId, optedOut }))
    for (const placedOn of dates) store.orders.add(anOrder({ id: `o${++no}`, no, customerId: id, agentId, placedOn }))
  }
  return store
}

describe('任务 nudge', () => {
  it('previews one message per agent with their newly dormant customers, skipping opted-out ones', async () => {
    const app = await withAgents({ store: seeded() })
    await app.say(app.boss, '任务 reclassify')
    const [reply] = await app.say(app.boss, '任务 nudge 预览')
    expect(reply).toContain('🔍 预览「跟进提醒」（nudge）')
    expect(reply).toContain('【跟进提醒】发给 小王')
    expect(reply).toContain('【跟进提醒】发给 小李')
    expect(reply).toContain('王五（刚转入睡眠')
    expect(reply).not.toContain('赵六')
    expect(reply).not.toContain('张三（')
    expect(app.store.outbox.all()).toEqual([])
  })

  it('plans once per agent per day', async () => {
    const app = await withAgents({ store: seeded() })
    await app.say(app.boss, '任务 reclassify')
    expect((await app.say(app.boss, '任务 nudge'))[0]).toContain('已放入发件箱 2 条')
    expect((await app.say(app.boss, '任务 nudge'))[0]).toContain('另有 2 条之前已安排过')
    expect(app.store.outbox.all().map(e => e.dedupeKey).sort()).toEqual(['nudge:a1:2026-11-23', 'nudge:a2:2026-11-23'])
  })
})

describe('任务 digest', () => {
  it('previews one digest per admin with the new dormant customers and the chart', async () => {
    const app = await withAgents({ store: seeded() })
    await app.say(app.boss, '任务 reclassify')
    const [reply] = await app.say(app.boss, '任务 digest 预览')
    expect(reply).toContain('🔍 预览「每日简报」（digest）')
    expect(reply).toContain('【每日简报】发给 老板')
    expect(reply).toMatch(/新转入睡眠：3 位：.*王五/)
    expect(reply).toContain('📎 附件：客户金字塔-2026-11-23.png')
    expect(app.store.outbox.all()).toEqual([])
  })

  it('plans once per admin per day', async () => {
    const app = await withAgents({ store: seeded() })
    await app.say(app.boss, '任务 digest')
    await app.say(app.boss, '任务 digest')
    expect(app.store.outbox.all().map(e => e.dedupeKey)).toEqual(['digest:wx-boss:2026-11-23'])
  })
})

describe('任务 reactivate', () => {
  it('sends to linked, subscribed dormant customers once, and nothing after 退订', async () => {
    const app = await withAgents({ store: seeded() })
    app.contacts.contacts.push({ id: 'wx-ww', name: '王五', alias: null }, { id: 'wx-zl', name: '赵六', alias: null })
    await app.say(app.boss, '绑定 王五 王五')
    await app.say(app.boss, '绑定 赵六 赵六')
    const [preview] = await app.say(app.boss, '任务 reactivate 预览')
    expect(preview).toContain('【唤醒消息】发给 王五')
    expect(preview).not.toContain('赵六')
    await app.say(app.boss, '任务 reactivate')
    expect(app.store.outbox.all().filter(e => e.kind === 'reactivation').map(e => e.customerId)).toEqual(['c2'])
    await app.say({ id: 'wx-ww', name: '王五' }, '退订')
    expect(app.store.outbox.all().find(e => e.customerId === 'c2')!.status).toBe('skipped')
    app.setNow(new Date('2027-01-10T02:00:00.000Z'))
    expect((await app.say(app.boss, '任务 reactivate 预览'))[0]).toContain('没有要发送的消息。')
  })

  it('waits minDays before the next one', async () => {
    const app = await withAgents({ store: seeded() })
    app.contacts.contacts.push({ id: 'wx-ww', name: '王五', alias: null })
    await app.say(app.boss, '绑定 王五 王五')
    await app.say(app.boss, '任务 reactivate')
    app.setNow(new Date('2026-12-10T02:00:00.000Z'))
    expect((await app.say(app.boss, '任务 reactivate 预览'))[0]).toContain('没有要发送的消息。')
    app.setNow(new Date('2026-12-23T02:00:00.000Z'))
    expect((await app.say(app.boss, '任务 reactivate 预览'))[0]).toContain('发给 王五')
  })
})

describe('sendingWindow', () => {
  const config = parseConfig({ env: {} })
  it.each([
    ['10:00 Shanghai: now until 21:30', '2026-11-23T02:00:00.000Z', '2026-11-23T02:00:00.000Z', '2026-11-23T13:30:00.000Z'],
    ['02:00 Shanghai (quiet): 08:30 until 21:30', '2026-11-22T18:00:00.000Z', '2026-11-23T00:30:00.000Z', '2026-11-23T13:30:00.000Z'],
  ])('%s', (_, now, from, until) => {
    const w = sendingWindow(new Date(now), config)!
    expect([new Date(w.fromMs).toISOString(), new Date(w.untilMs).toISOString()]).toEqual([from, until])
  })
})
