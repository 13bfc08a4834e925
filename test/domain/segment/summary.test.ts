/** Building (x, t_x, T, z̄) and the spend windows from a customer's orders (ANALYTICS.md §1). */
import { describe, expect, it } from 'vitest'
import { summarizeCustomer } from '../../../src/domain/segment/summary.js'
import { AS_OF, ordersAt, summaryOf } from './helpers.js'

const opts = { window: 90, creditDays: 30 }

describe('summarizeCustomer', () => {
  it('merges same-day orders into one occasion and leaves the first out of x and z̄', () => {
    const s = summaryOf([100, 100, 40, 10], [50, 30, 200, 100])
    expect(s.occasions.map(o => o.amountFen)).toEqual([8000, 20000, 10000])
    expect([s.x, s.tx, s.T]).toEqual([2, 90, 100])
    expect(s.zbarFen).toBe(15000)
    expect(s.orderCount).toBe(4)
    expect(s.totalFen).toBe(38000)
  })

  it('keeps x = 0, t_x = 0 and no z̄ for a one-order customer', () => {
    const s = summaryOf([5])
    expect([s.x, s.tx, s.T, s.zbarFen]).toEqual([0, 0, 5, null])
  })

  it('drops cancelled and fully refunded orders, nets partial refunds, ignores later orders', () => {
    const orders = ordersAt([50, 30, 20, 10, -5], 100)
    orders[1] = { ...orders[1]!, status: 'cancelled' }
    orders[2] = { ...orders[2]!, status: 'refunded', refundedFen: 10000 }
    orders[3] = { ...orders[3]!, refundedFen: 4000 }
    const s = summarizeCustomer('c1', orders, [], AS_OF, opts)!
    expect(s.occasions.map(o => o.amountFen)).toEqual([10000, 6000])
    expect([s.x, s.tx, s.T]).toEqual([1, 40, 50])
  })

  it('returns null when nothing stands by the as-of date', () => {
    const orders = ordersAt([10], 100, { status: 'cancelled' })
    expect(summarizeCustomer('c1', orders, [], AS_OF, opts)).toBeNull()
  })

  it('splits spend into the recent and the prior window and counts recent occasions', () => {
    const s = summaryOf([200, 150, 100, 89, 0], [1, 2, 3, 4, 5])
    expect(s.recentFen).toBe(900)
    expect(s.priorFen).toBe(500)
    expect(s.recentOccasions).toBe(2)
    expect(s.yearFen).toBe(1500)
  })

  it("counts profit of the last 365 days where costs are known (an older order's cost is not counted), and the revenue whose cost is not", () => {
    const orders = ordersAt([400, 20, 10], 100)
    const none = summarizeCustomer('c1', orders, [], AS_OF, opts)!
    expect(none).toMatchObject({ profitFen: 0, costedFen: 0, uncostedFen: 20000 })
    orders[0] = { ...orders[0]!, costFen: 1000 }
    orders[1] = { ...orders[1]!, costFen: 6000 }
    const both = summarizeCustomer('c1', orders, [], AS_OF, opts)!
    expect(both).toMatchObject({ profitFen: 4000, costedFen: 10000, uncostedFen: 10000 })
  })
})
