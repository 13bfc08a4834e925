import { describe, expect, it } from 'vitest'
import { formatPlan } from '../../../src/domain/outreach/format-plan.js'
import { dedupeKey, type OutboundMessage } from '../../../src/domain/outreach/outbound.js'

const plan: OutboundMessage[] = [
  { kind: 'digest', to: { contactId: 'wx-boss' }, text: '早上好！昨天 3 单，收入 ¥1,194。\n新睡眠客户 2 位：张三、李姐', file: { name: '客户金字塔-2026-11-23.png', ref: 'chart:pyramid:2026-11-23' }, dedupeKey: dedupeKey('digest', 'wx-boss', '2026-11-23') },
  { kind: 'nudge', to: { contactId: 'wx-wang' }, text: '张三 已经 62 天没下单了，可以转发：“张姐，面膜到新货了～”', dedupeKey: dedupeKey('nudge', 'wx-wang', '2026-11-23'), customerId: 'c1' },
  { kind: 'nudge', to: { contactId: 'wx-li' }, text: '李姐 需要跟进', dedupeKey: dedupeKey('nudge', 'wx-li', '2026-11-23') },
  { kind: 'invite', to: { roomId: 'vip@chatroom' }, text: '欢迎王五加入 VIP 群', dedupeKey: dedupeKey('invite', 'c9', '2026') },
]
const names: Record<string, string> = { 'wx-boss': '老板', 'wx-wang': '小王' }

describe('formatPlan', () => {
  it('renders a plan as readable Chinese lines', () => {
    expect(formatPlan(plan, { nameOf: to => names[to.contactId ?? ''] })).toMatchInlineSnapshot(`
      "共 4 条：每日简报 1 条，跟进提醒 2 条，入群邀请 1 条
      1. 【每日简报】发给 老板
         早上好！昨天 3 单，收入 ¥1,194。
         新睡眠客户 2 位：张三、李姐
         📎 附件：客户金字塔-2026-11-23.png
      2. 【跟进提醒】发给 小王
         张三 已经 62 天没下单了，可以转发：“张姐，面膜到新货了～”
      3. 【跟进提醒】发给 wx-li
         李姐 需要跟进
      4. 【入群邀请】发给 群 vip@chatroom
         欢迎王五加入 VIP 群"
    `)
  })

  it('says so when there is nothing to send', () => {
    expect(formatPlan([])).toBe('没有要发送的消息。')
  })

  it('builds dedupe keys from job, recipient and period', () => {
    expect(dedupeKey('nudge', 'wx-wang', '2026-11-23')).toBe('nudge:wx-wang:2026-11-23')
  })
})
