/** The perks plan: milestones, once each, to the customer or their agent. */
import { describe, expect, it } from 'vitest'
import { milestonesOf, planPerks, type PerkCandidate } from '../../../src/domain/outreach/perks.js'

const rules = { nthOrder: 10, yearlySpendFen: 500_000, anniversary: true, referral: true }
const orders = (n: number, from: string, fen = 1000) => Array.from({ length: n }, (_, i) => ({ placedOn: `${from.slice(0, 8)}${String(i + 1).padStart(2, '0')}`, amountFen: fen }))
const cand = (over: Partial<PerkCandidate> = {}): PerkCandidate => ({
  customerId: 'c1', name: '张三', contactId: 'wx-c1', optedOut: false, deliverer: { contactId: 'wx-wang', name: '小王' }, orders: [], referralsOrdered: 0, ...over,
})

describe('milestonesOf', () => {
  it.each([
    ['9 orders: nothing', orders(9, '2026-11-01'), []],
    ['10 orders', orders(10, '2026-11-01'), ['order10']],
    ['¥5,000 this year', [{ placedOn: '2026-03-01', amountFen: 500_000 }], ['spend2026']],
    ['¥5,000 last year only', [{ placedOn: '2025-12-30', amountFen: 500_000 }], []],
    ['first order a year ago, within the week', [{ placedOn: '2025-11-20', amountFen: 100 }], ['anniversary2026']],
    ['first order a year ago, more than a week past', [{ placedOn: '2025-11-01', amountFen: 100 }], []],
    ['first order this year', [{ placedOn: '2026-11-20', amountFen: 100 }], []],
  ] as const)('%s', (_, list, ids) => {
    expect(milestonesOf(cand({ orders: list }), '2026-11-23', rules).map(m => m.id)).toEqual(ids)
  })

  it('the first customer they brought who ordered: one referral perk, and none when the merchant turned it off', () => {
    expect(milestonesOf(cand({ referralsOrdered: 0 }), '2026-11-23', rules)).toEqual([])
    expect(milestonesOf(cand({ referralsOrdered: 2 }), '2026-11-23', rules).map(m => m.id)).toEqual(['referral1'])
    expect(milestonesOf(cand({ referralsOrdered: 2 }), '2026-11-23', { ...rules, referral: false })).toEqual([])
  })
})

describe('planPerks', () => {
  const template = '{name}：{milestone}'
  it('sends to the customer when linked and subscribed, with a key per milestone', () => {
    const { messages } = planPerks({ today: '2026-11-23', candidates: [cand({ orders: orders(10, '2026-11-01') })], rules, template })
    expect(messages).toEqual([{ kind: 'perk', to: { contactId: 'wx-c1' }, text: '张三：您已经在我们这里下了 10 单', dedupeKey: 'perk:c1:order10', customerId: 'c1' }])
  })

  it('not linked: to the agent, saying to pass it on', () => {
    const { messages } = planPerks({ today: '2026-11-23', candidates: [cand({ contactId: null, orders: orders(10, '2026-11-01') })], rules, template })
    expect(messages[0]!.to).toEqual({ contactId: 'wx-wang' })
    expect(messages[0]!.text).toContain('请您转达')
  })

  it('opted out: nothing at all, not even through the agent', () => {
    const { messages } = planPerks({ today: '2026-11-23', candidates: [cand({ optedOut: true, orders: orders(10, '2026-11-01') })], rules, template })
    expect(messages).toEqual([])
  })

  it('counts those nobody can deliver to', () => {
    const r = planPerks({ today: '2026-11-23', candidates: [cand({ contactId: null, deliverer: null, orders: orders(10, '2026-11-01') })], rules, template })
    expect([r.messages, r.unreachable]).toEqual([[], 1])
  })
})
