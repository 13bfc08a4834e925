/** The nudge planner on plain data: who is listed, for whom, and the text an agent forwards. */
import { describe, expect, it } from 'vitest'
import { formatPlan } from '../../../src/domain/outreach/format-plan.js'
import { DEFAULT_NUDGE_TEMPLATE, fillTemplate, planNudges, type NudgeCustomer } from '../../../src/domain/outreach/nudge.js'

const agents = [{ id: 'a1', name: '小王', contactId: 'wx-wang' }, { id: 'a2', name: '小李', contactId: 'wx-li' }]
const c = (over: Partial<NudgeCustomer> & { customerId: string }): NudgeCustomer =>
  ({ agentId: 'a1', name: over.customerId, lastProduct: '面膜', daysSince: 40, reason: 'dormant', stage: '老客户', optedOut: false, ...over })
const plan = (customers: NudgeCustomer[], maxPerAgent?: number) =>
  planNudges({ today: '2026-11-23', agents, customers, template: DEFAULT_NUDGE_TEMPLATE, maxPerAgent })

describe('planNudges', () => {
  it.each([
    ['nobody listed: nothing', [], []],
    ['one dormant customer: one message to their agent', [c({ customerId: '张三' })], ['wx-wang']],
    ['opted-out customers are skipped', [c({ customerId: '张三', optedOut: true })], []],
    ['customers of two agents: one message each', [c({ customerId: '张三' }), c({ customerId: '李四', agentId: 'a2', reason: 'atRisk' })], ['wx-wang', 'wx-li']],
    ['several customers of one agent: still one message', [c({ customerId: '张三' }), c({ customerId: '王五', reason: 'atRisk' })], ['wx-wang']],
    ['an agent not in the list (inactive, no contact) gets nothing', [c({ customerId: '张三', agentId: 'a9' })], []],
  ] as const)('%s', (_, customers, to) => {
    expect(plan([...customers]).map(m => m.to.contactId)).toEqual(to)
  })

  it('keys one message per agent per day', () => {
    expect(plan([c({ customerId: '张三' })])[0]!.dedupeKey).toBe('nudge:a1:2026-11-23')
  })

  it('lists dormant first, longest silent first, and counts the rest past the limit', () => {
    const text = plan([c({ customerId: '甲', reason: 'atRisk' }), c({ customerId: '乙', daysSince: 50 }), c({ customerId: '丙', daysSince: 90 })], 2)[0]!.text!
    expect(text.split('\n').filter(l => /^\d\./.test(l)).map(l => l.slice(3, 4))).toEqual(['丙', '乙'])
    expect(text).toContain('另有 1 位')
  })

  it('fills placeholders and leaves unknown ones', () => {
    expect(fillTemplate('{name}好，{x}', { name: '张三' })).toBe('张三好，{x}')
  })

  it('reads as a plan', () => {
    const messages = plan([
      c({ customerId: 'c1', name: '张三', lastProduct: '面膜', daysSince: 63 }),
      c({ customerId: 'c2', name: '王五', lastProduct: '精华', daysSince: 35, reason: 'atRisk' }),
      c({ customerId: 'c3', name: '李四', agentId: 'a2', lastProduct: '洗发水', daysSince: 41, reason: 'atRisk' }),
    ])
    expect(formatPlan(messages, { nameOf: to => agents.find(a => a.contactId === to.contactId)?.name })).toMatchSnapshot()
  })
})
