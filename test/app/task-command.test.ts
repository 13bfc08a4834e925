/** 任务 through the router's front door: list, preview and run jobs with in-memory adapters. */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import type { Job } from '../../src/app/jobs/job.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { withAgents } from '../helpers/test-app.js'

function seeded() {
  const store = createMemoryStore()
  const days = [['c1', ['2026-11-01', '2026-11-15']], ['c2', ['2025-06-01', '2025-07-01', '2025-08-01']], ['c3', ['2026-11-20']]] as const
  let no = 0
  for (const [id, dates] of days) {
    store.customers.add(aCustomer({ id, name: `客户${id}` }))
    for (const placedOn of dates) store.orders.add(anOrder({ id: `o${++no}`, no, customerId: id, placedOn }))
  }
  return store
}

/** A job that wants one nudge sent to 小王 today. */
const helloJob: Job = {
  name: 'hello',
  title: '问候',
  aliases: [],
  summary: '给小王发一条问候',
  async run({ today }) {
    return { notes: ['小王今天要跟进 1 位客户。'], messages: [{ kind: 'nudge', to: { contactId: 'wx-wang' }, text: '早上好！\n张三 该回访了', dedupeKey: `hello:wx-wang:${today}` }] }
  },
}

describe('任务', () => {
  it('lists the jobs with their times and last runs', async () => {
    const app = await withAgents()
    const [reply] = await app.say(app.boss, '任务')
    expect(reply).toContain('reclassify（重新分类）')
    expect(reply).toContain('时间 0 2 * * *；上次运行 还没有')
  })

  it('previews reclassify without storing anything, then runs it', async () => {
    const app = await withAgents({ store: seeded() })
    const before = app.store.revision()
    const [preview] = await app.say(app.boss, '任务 reclassify 预览')
    expect(preview).toMatchInlineSnapshot(`
      "🔍 预览「重新分类」（reclassify），不会保存，也不会发送：
      将按 2026-11-23 给 3 位客户重新分类；3 位会换分组：值得重视培养 +2、睡眠型 +1。
      没有要发送的消息。"
    `)
    expect(app.store.revision()).toBe(before)
    expect(app.store.segments.all()).toEqual([])

    const [ran] = await app.say(app.boss, '任务 reclassify')
    expect(ran).toBe('✅ 已运行「重新分类」（reclassify）：\n已按 2026-11-23 给 3 位客户重新分类；3 位换了分组：值得重视培养 +2、睡眠型 +1。\n没有要发送的消息。')
    expect(app.store.segments.all()).toHaveLength(3)
    expect(app.store.snapshots.all()).toHaveLength(1)
    const [again] = await app.say(app.boss, '任务 重新分类')
    expect(again).toContain('没有人换分组')
  })

  it('previews a plan of messages by name, and on a real run plans each dedupe key once', async () => {
    const app = await withAgents({ jobs: [helloJob] })
    const [preview] = await app.say(app.boss, '任务 hello 预览')
    expect(preview).toMatchInlineSnapshot(`
      "🔍 预览「问候」（hello），不会保存，也不会发送：
      小王今天要跟进 1 位客户。
      共 1 条：跟进提醒 1 条
      1. 【跟进提醒】发给 小王
         早上好！
         张三 该回访了"
    `)
    expect(app.store.outbox.all()).toEqual([])
    expect(await app.say(app.boss, '任务 hello')).toEqual(['✅ 已运行「问候」（hello）：\n小王今天要跟进 1 位客户。\n已放入发件箱 1 条，将按节奏发送。'])
    expect(app.store.outbox.all().map(e => [e.dedupeKey, e.status])).toEqual([['hello:wx-wang:2026-11-23', 'planned']])
    const [again] = await app.say(app.boss, '任务 hello')
    expect(again).toContain('已放入发件箱 0 条，将按节奏发送（另有 1 条之前已安排过，不会重复发送）。')
    expect(app.store.outbox.all()).toHaveLength(1)
    // Nothing was sent from chat: sending is the queue's job.
    expect(app.chat.sent.filter(m => m.inReplyTo === null)).toEqual([])
  })

  it('answers unknown jobs, wrong words and non-admins', async () => {
    const app = await withAgents()
    expect(await app.say(app.boss, '任务 abc')).toEqual(['没有叫“abc”的任务。可用的任务：reclassify（重新分类）、digest（每日简报）、nudge（跟进提醒）、reactivate（唤醒客户）、invite（邀请入群）、perks（会员福利）'])
    expect(await app.say(app.boss, '任务 reclassify 现在')).toEqual(['用法：任务 <名称> [预览]｜任务（列出全部任务）'])
    expect(await app.say(app.wang, '任务 reclassify')).toEqual(['“任务”只有管理员可以使用。'])
  })
})
