/**
 * The simulator follows ANALYTICS.md §6: structural invariants per customer, and population averages that
 * agree with the model's own formulas (P(X(T)=0), E[X(T)], E[Y(H) | history], P(alive)) at the true params.
 */

import { describe, expect, test } from 'vitest'
import type { BgnbdParams } from '../../src/domain/classify/bgnbd.js'
import { expectedPurchases, expectedPurchasesNew, pAlive, probPurchases } from '../../src/domain/classify/bgnbd.js'
import type { SimCustomer } from '../../src/sim/generate.js'
import { addDays, firstDateFor, simulateBgnbd, toDayOrders } from '../../src/sim/generate.js'

const TRUTH: BgnbdParams = { r: 0.243, alpha: 30.9, a: 0.793, b: 2.426 }
const SPEND = { p: 6, q: 4, gamma: 15 }
const HORIZON = 180

describe('simulateBgnbd', () => {
  const sim = simulateBgnbd({ n: 20_000, params: TRUTH, spend: SPEND, maxT: 365, horizon: HORIZON, seed: 1 })
  const mean = (f: (c: SimCustomer) => number): number => sim.reduce((s, c) => s + f(c), 0) / sim.length

  test('is deterministic per seed', () => {
    const small = { n: 50, params: TRUTH, spend: SPEND, maxT: 365, horizon: 30, seed: 3 }
    expect(simulateBgnbd(small)).toEqual(simulateBgnbd(small))
    expect(simulateBgnbd({ ...small, seed: 4 })).not.toEqual(simulateBgnbd(small))
  })

  test('every customer satisfies the summary invariants of ANALYTICS.md §1.6', () => {
    for (const c of sim) {
      expect(c.T).toBeGreaterThanOrEqual(1)
      expect(c.T).toBeLessThanOrEqual(365)
      expect(c.tx).toBeGreaterThanOrEqual(0)
      expect(c.tx).toBeLessThanOrEqual(c.T)
      expect(c.x === 0).toBe(c.tx === 0)
      const times = c.purchases.map(p => p.t)
      expect(times[0]).toBe(0)
      expect(times.slice().sort((u, v) => u - v)).toEqual(times)
      expect(times.filter(t => t > 0 && t <= c.T)).toHaveLength(c.x)
      expect(times.filter(t => t > c.T)).toHaveLength(c.holdout)
      expect(Math.max(...times)).toBeLessThanOrEqual(c.T + HORIZON)
      if (c.x > 0) expect(times[c.x]).toBe(c.tx)
      for (const p of c.purchases) expect(p.amount).toBeGreaterThan(0)
      // A customer who died by T makes no purchase after the death.
      if (!c.alive) expect(c.holdout).toBe(0)
    }
  })

  test('latent λ and p have the prior means r/α and a/(a+b)', () => {
    expect(Math.abs(mean(c => c.lambda) / (TRUTH.r / TRUTH.alpha) - 1)).toBeLessThan(0.04)
    expect(Math.abs(mean(c => c.dropout) / (TRUTH.a / (TRUTH.a + TRUTH.b)) - 1)).toBeLessThan(0.02)
  })

  test.each<[string, (c: SimCustomer) => number, (c: SimCustomer) => number, number]>([
    ['share with x = 0 vs P(X(T) = 0)', c => (c.x === 0 ? 1 : 0), c => probPurchases(TRUTH, c.T, 0), 0.02],
    ['repeat purchases x vs E[X(T)]', c => c.x, c => expectedPurchasesNew(TRUTH, c.T), 0.05],
    ['holdout purchases vs E[Y(H) | x, t_x, T]', c => c.holdout, c => expectedPurchases(TRUTH, c, HORIZON), 0.06],
    ['alive at T vs P(alive)', c => (c.alive ? 1 : 0), c => pAlive(TRUTH, c), 0.02],
  ])('population average agrees with the model: %s', (_name, observed, expected, tolerance) => {
    expect(Math.abs(mean(observed) / mean(expected) - 1)).toBeLessThan(tolerance)
  })

  test('amounts have the Gamma-Gamma mean pγ/(q−1)', () => {
    const amounts = sim.flatMap(c => c.purchases.map(p => p.amount))
    const average = amounts.reduce((s, v) => s + v, 0) / amounts.length
    expect(Math.abs(average / ((SPEND.p * SPEND.gamma) / (SPEND.q - 1)) - 1)).toBeLessThan(0.05)
  })

  test('without a spend model amounts are 0', () => {
    const plain = simulateBgnbd({ n: 20, params: TRUTH, maxT: 100, horizon: 0, seed: 2 })
    expect(plain.every(c => c.purchases.every(p => p.amount === 0))).toBe(true)
    expect(plain.every(c => c.holdout === 0)).toBe(true)
  })
})

describe('day-level orders', () => {
  test.each([
    ['2024-03-01', 0, '2024-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
  ])('addDays(%s, %s) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
  })

  test('first date is as-of minus floor(T), and purchases land on floor(t) days after it', () => {
    const customer: SimCustomer = {
      x: 2, tx: 40.2, T: 100.7, alive: true, holdout: 0, lambda: 0.05, dropout: 0.1,
      purchases: [{ t: 0, amount: 10 }, { t: 3.9, amount: 20 }, { t: 40.2, amount: 30 }],
    }
    const first = firstDateFor('2024-06-30', customer.T)
    expect(first).toBe('2024-03-22')
    expect(toDayOrders(customer, first)).toEqual([
      { date: '2024-03-22', amount: 10 },
      { date: '2024-03-25', amount: 20 },
      { date: '2024-05-01', amount: 30 },
    ])
  })

  test('rejects a malformed date', () => {
    expect(() => addDays('2024/01/01', 1)).toThrow(RangeError)
  })
})
