/** Gamma-Gamma spend model (ANALYTICS.md §5), shrinkage fallback (§9) and CLV (§5). */

import { describe, expect, test } from 'vitest'
import type { BgnbdParams } from '../../../src/domain/classify/bgnbd.js'
import { expectedPurchases } from '../../../src/domain/classify/bgnbd.js'
import type { GammaGammaParams } from '../../../src/domain/classify/gamma-gamma.js'
import { customerValue, expectedSpend, fitGammaGamma, gammaGammaLogLikelihood, shrunkSpend } from '../../../src/domain/classify/gamma-gamma.js'
import { simulateBgnbd } from '../../../src/sim/generate.js'

const CDNOW_GG: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 }
const BG_DAYS: BgnbdParams = { r: 0.243, alpha: 30.9, a: 0.793, b: 2.426 }

function spendSummaries(n: number, seed: number, spend: GammaGammaParams): { x: number, zbar: number }[] {
  return simulateBgnbd({ n, params: { r: 2, alpha: 60, a: 0.8, b: 4 }, spend, maxT: 365, horizon: 0, seed })
    .filter(c => c.x > 0)
    .map(c => ({ x: c.x, zbar: c.purchases.slice(1, c.x + 1).reduce((s, p) => s + p.amount, 0) / c.x }))
}

describe('expectedSpend, E[M | x, z̄] = p(γ + x z̄)/(px + q − 1)', () => {
  test.each<[string, GammaGammaParams, number, number | null, number]>([
    ['population mean for x = 0', CDNOW_GG, 0, null, (6.25 * 15.44) / 2.74],
    ['population mean when z̄ is missing', CDNOW_GG, 3, null, (6.25 * 15.44) / 2.74],
    ['one repeat purchase', CDNOW_GG, 1, 20, (6.25 * (15.44 + 20)) / (6.25 + 3.74 - 1)],
    ['q ≤ 1 with data: plug-in p(γ + x z̄)/(px + q) when px + q ≤ 1', { p: 0.2, q: 0.5, gamma: 10 }, 1, 30, (0.2 * 40) / 0.7],
    ['q ≤ 1 with data but px + q > 1: the usual formula', { p: 2, q: 0.5, gamma: 10 }, 1, 30, (2 * 40) / 1.5],
    ['q ≤ 1 without data: plug-in pγ/q', { p: 2, q: 0.8, gamma: 10 }, 0, null, 25],
    ['q = 1 exactly without data: pγ/q', { p: 2, q: 1, gamma: 10 }, 0, null, 20],
  ])('%s', (_name, params, x, zbar, expected) => {
    expect(expectedSpend(params, x, zbar)).toBeCloseTo(expected, 10)
  })

  test('is a weighted mean of the population mean and z̄', () => {
    const { p, q, gamma } = CDNOW_GG
    const x = 4
    const zbar = 50
    const w = (q - 1) / (p * x + q - 1)
    expect(expectedSpend(CDNOW_GG, x, zbar)).toBeCloseTo(w * ((p * gamma) / (q - 1)) + (1 - w) * zbar, 10)
  })
})

describe('shrunkSpend, (x z̄ + k m₀)/(x + k)', () => {
  test.each<[number, number | null, number, number | undefined, number]>([
    [0, null, 80, undefined, 80],
    [3, null, 80, undefined, 80],
    [3, 100, 80, undefined, 90],
    [1, 100, 80, 1, 90],
    [97, 100, 80, undefined, 99.4],
  ])('x=%s z̄=%s m₀=%s k=%s → %s', (x, zbar, m0, k, expected) => {
    expect(shrunkSpend(x, zbar, m0, k)).toBeCloseTo(expected, 10)
  })
})

describe('fitGammaGamma on simulated spend', () => {
  const truth: GammaGammaParams = { p: 4, q: 5, gamma: 300 }
  const data = spendSummaries(20_000, 5, truth)
  const fit = fitGammaGamma(data)

  test('recovers the mean spend pγ/(q−1) within 5 % and p, q, γ within 35 %', () => {
    expect(fit.converged).toBe(true)
    const mean = (v: GammaGammaParams): number => (v.p * v.gamma) / (v.q - 1)
    expect(Math.abs(mean(fit.params) / mean(truth) - 1)).toBeLessThan(0.05)
    for (const key of ['p', 'q', 'gamma'] as const) expect(Math.abs(fit.params[key] / truth[key] - 1)).toBeLessThan(0.35)
  })

  test('LL(fitted) ≥ LL(true), and the fit is invariant to the money unit', () => {
    expect(fit.logLik).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, data))
    const inFen = fitGammaGamma(data.map(d => ({ x: d.x, zbar: d.zbar * 100 })))
    expect(inFen.params.p).toBeCloseTo(fit.params.p, 4)
    expect(inFen.params.q).toBeCloseTo(fit.params.q, 4)
    expect(inFen.params.gamma / fit.params.gamma).toBeCloseTo(100, 3)
  })

  test('MAP on 20 customers stays near the prior and finite', () => {
    const small = data.slice(0, 20)
    const map = fitGammaGamma(small, { prior: { center: { p: 3, q: 4, gamma: 200 }, sigma: 1 } })
    for (const v of Object.values(map.params)) expect(Number.isFinite(v) && v > 0).toBe(true)
    expect(map.atBound).toBe(false)
    expect(map.objective).toBeGreaterThan(-map.logLik)
  })

  test('needs at least one customer with x > 0', () => {
    expect(() => fitGammaGamma([{ x: 0, zbar: 0 }])).toThrow(RangeError)
  })
})

describe('customerValue (discounted CLV)', () => {
  const c = { x: 4, tx: 200, T: 300 }
  const options = { periods: 12, periodLength: 30, discountPerPeriod: 0 }

  test('without discounting it telescopes to μ·E[M]·E[Y(KΔ)]', () => {
    const clv = customerValue(BG_DAYS, c, 100, { ...options, margin: 0.3 })
    expect(clv).toBeCloseTo(0.3 * 100 * expectedPurchases(BG_DAYS, c, 360), 10)
  })

  test('equals the explicit discounted sum of period increments', () => {
    const d = 0.01
    let manual = 0
    for (let k = 1; k <= 12; k++) {
      manual += (expectedPurchases(BG_DAYS, c, 30 * k) - expectedPurchases(BG_DAYS, c, 30 * (k - 1))) / (1 + d) ** k
    }
    expect(customerValue(BG_DAYS, c, 50, { ...options, discountPerPeriod: d })).toBeCloseTo(50 * manual, 10)
  })

  test('discounting lowers the value; a lapsed customer is worth less', () => {
    const undiscounted = customerValue(BG_DAYS, c, 100, options)
    expect(customerValue(BG_DAYS, c, 100, { ...options, discountPerPeriod: 0.02 })).toBeLessThan(undiscounted)
    expect(customerValue(BG_DAYS, { x: 4, tx: 20, T: 300 }, 100, options)).toBeLessThan(undiscounted)
    expect(customerValue(BG_DAYS, c, 100, { ...options, periods: 0 })).toBe(0)
  })
})
