/** Credit grades and value tiers. */
import { describe, expect, it } from 'vitest'
import { creditFacts } from '../../../src/domain/segment/credit.js'
import { DEFAULT_POLICY } from '../../../src/domain/segment/policy.js'
import { quintileScores, scoreRfm } from '../../../src/domain/segment/rfm.js'
import { assignTiers, creditGrade, type CreditGrade } from '../../../src/domain/segment/tiers.js'
import { dayNumber } from '../../../src/domain/calendar.js'
import { AS_OF, ordersAt } from './helpers.js'

const today = dayNumber(AS_OF)

describe('credit', () => {
  it.each([
    ['nothing on credit', [], 0, 'A', /没有欠款/],
    ['unpaid, not yet due', [10], 0, 'A', /有¥100未付，尚未到期/],
    ['unpaid 10 days past due', [40], 0, 'B', /有¥100逾期未付，最长逾期10天/],
    ['unpaid 60 days past due', [90], 0, 'C', /最长逾期60天/],
    ['unpaid 100 days past due', [130], 0, 'D', /最长逾期100天/],
  ] as [string, number[], number, CreditGrade, RegExp][])('%s', (_label, unpaidAges, _x, grade, reason) => {
    const orders = ordersAt(unpaidAges, 100, { payment: 'unpaid' })
    const g = creditGrade(creditFacts(orders, [], today, 30))
    expect(g.grade).toBe(grade)
    expect(g.reason).toMatch(reason)
  })

  it('judges settled credit orders by the day the payment arrived', () => {
    const orders = ordersAt([100, 90], 100, { payment: 'paid' }).map((o, i) => ({ ...o, paidFen: 10000, id: `o${i}` }))
    const pay = (orderId: string, receivedOn: string) => ({ id: `p-${orderId}`, sourceMessageId: 'm', customerId: 'c1', agentId: null, amountFen: 10000, receivedOn, recordedAt: '2026-11-23T00:00:00.000Z', applied: [{ orderId, amountFen: 10000 }] })
    const facts = creditFacts(orders, [pay('o0', '2026-08-20'), pay('o1', '2026-11-01')], today, 30)
    expect(facts.onTimeShare).toBe(0.5)
    expect(creditGrade(facts)).toEqual({ grade: 'B', reason: '按时付款率50%' })
  })
})

describe('RFM', () => {
  it('gives equal values equal quintile scores', () => {
    expect(quintileScores([1, 1, 1, 1, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 1, 1, 3, 3, 4, 4, 5, 5])
  })

  it('uses fixed F breakpoints and, for small merchants, fixed R and M thresholds', () => {
    const [a, b] = scoreRfm([{ recencyDays: 10, occasions: 6, spendFen: 600_000 }, { recencyDays: 200, occasions: 1, spendFen: 1_000 }])
    expect(a).toEqual({ r: 5, f: 5, m: 5 })
    expect(b).toEqual({ r: 1, f: 1, m: 1 })
  })
})

describe('value tiers', () => {
  it('puts about 20/30/30/20 % of customers in A/B/C/D by the weighted score', () => {
    const inputs = Array.from({ length: 100 }, (_, i) => ({ yearFen: i * 1000, profitFen: null, credit: 'A' as const, prospectFen: i * 500 }))
    const tiers = assignTiers(inputs, DEFAULT_POLICY)
    const count = (t: string) => tiers.filter(x => x.tier === t).length
    expect([count('A'), count('B'), count('C'), count('D')]).toEqual([20, 30, 30, 20])
    expect(tiers[99]!.tier).toBe('A')
    expect(tiers[0]!.tier).toBe('D')
    expect(tiers[99]!.reason).toBe('近一年消费¥990，综合得分排前1%')
  })

  it('lets bad credit pull a big spender down', () => {
    const inputs = Array.from({ length: 100 }, (_, i) => ({ yearFen: i * 1000, profitFen: null, credit: (i === 99 ? 'D' : 'A') as CreditGrade, prospectFen: 0 }))
    const top = assignTiers(inputs, DEFAULT_POLICY)
    const withoutCredit = assignTiers(inputs, { ...DEFAULT_POLICY, tiers: { ...DEFAULT_POLICY.tiers, weights: { spend: 1, profit: 0, credit: 0, prospects: 0 } } })
    expect(top[99]!.score).toBeLessThan(withoutCredit[99]!.score)
  })

  it('uses absolute 12-month spend under 50 customers', () => {
    const tiers = assignTiers([600_000, 250_000, 60_000, 100].map(yearFen => ({ yearFen, profitFen: null, credit: 'A' as const, prospectFen: 0 })), DEFAULT_POLICY)
    expect(tiers.map(t => t.tier)).toEqual(['A', 'B', 'C', 'D'])
    expect(tiers[0]!.reason).toBe('近一年消费¥6,000')
  })
})
