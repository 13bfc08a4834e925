/**
 * BG/NBD formula oracles at the published CDNOW parameters (FHL 2005, weeks).
 *
 * Method of the independent reference values: P(alive) and E[Y(t) | x, t_x, T] are recomputed by brute-force
 * 2-D numerical integration over the posterior of (λ, p) — trapezoid rule on λ = e^s, p = logistic(u) —
 *   P(alive) = ∫∫ (1−p)^x λ^x e^{−λT} g(λ)f(p) / ∫∫ L g f,
 *   E[Y(t)]  = ∫∫ (1−p)^x λ^x e^{−λT} (1/p)(1−e^{−λpt}) g f / ∫∫ L g f,
 * with L the individual likelihood and (1/p)(1−e^{−λpt}) = E[X(t) | λ, p] (FHL 2005 §2). No closed form,
 * ₂F₁ or Beta function is used (see posterior-quadrature.ts). The unconditional E[X(t)] is the same ratio at
 * x = t_x = T = 0. P(X(39) = 0) = 0.5737864 is the value published with the paper.
 */

import { describe, expect, test } from 'vitest'
import type { BgnbdParams } from '../../../src/domain/classify/bgnbd.js'
import { expectedPurchases, expectedPurchasesNew, pAlive, probPurchases } from '../../../src/domain/classify/bgnbd.js'
import { posteriorByQuadrature } from './posterior-quadrature.js'

const CDNOW: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
const CDNOW_DAYS: BgnbdParams = { ...CDNOW, alpha: 7 * CDNOW.alpha }
const REL = 1e-9

const relErr = (actual: number, expected: number): number => Math.abs(actual / expected - 1)

describe('P(X(t) = n), FHL 2005 eq. 8', () => {
  test('published anchor P(X(39) = 0) = 0.5737864', () => {
    expect(Math.abs(probPurchases(CDNOW, 39, 0) - 0.5737864)).toBeLessThan(1e-6)
  })

  test('sums to 1 and its mean equals E[X(t)]', () => {
    for (const t of [1, 39]) {
      let total = 0
      let mean = 0
      for (let n = 0; n < 600; n++) {
        const q = probPurchases(CDNOW, t, n)
        total += q
        mean += n * q
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-12)
      expect(relErr(mean, expectedPurchasesNew(CDNOW, t))).toBeLessThan(1e-10)
    }
  })

  test.each([[-1], [1.5]])('is 0 for an impossible count %s', (n) => {
    expect(probPurchases(CDNOW, 39, n)).toBe(0)
  })
})

// One line per customer: params, (x, t_x, T), horizons t.
const customers: Array<[string, BgnbdParams, number, number, number, number[]]> = [
  ['one-order customer', CDNOW, 0, 0, 39, [1, 39, 520]],
  ['one early repeat', CDNOW, 1, 5, 39, [39, 520]],
  ['lifetimes example customer', CDNOW, 2, 30.43, 38.86, [1, 39, 520]],
  ['regular buyer', CDNOW, 7, 35, 38, [39, 520]],
  ['quiet after 3 early repeats', CDNOW, 3, 2, 38, [52]],
  ['heavy buyer, 20 early repeats', CDNOW, 20, 10, 39, [26]],
  ['heavy buyer x = 50', CDNOW, 50, 38, 39, [39, 520, 5200]],
  ['days: x = 500 over ten years', CDNOW_DAYS, 500, 3600, 3650, [90, 365, 3650]],
  ['days: a century and a millennium ahead (z → 1, slow series)', CDNOW_DAYS, 3, 100, 200, [36_500, 365_000]],
]

describe('P(alive) and E[Y(t) | x, t_x, T] against posterior quadrature', () => {
  test.each(customers)('%s', (_name, params, x, tx, T, horizons) => {
    const c = { x, tx, T }
    const oracle = posteriorByQuadrature(params, c, horizons)
    expect(relErr(pAlive(params, c), oracle.pAlive)).toBeLessThan(REL)
    horizons.forEach((t, i) => {
      expect(relErr(expectedPurchases(params, c, t), oracle.expected[i] as number)).toBeLessThan(REL)
    })
  })

  test('lifetimes documentation value: 1.226 expected purchases in 39 weeks', () => {
    expect(expectedPurchases(CDNOW, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3)
  })

  test('P(alive) is 1 by construction for x = 0, however old', () => {
    expect(pAlive(CDNOW, { x: 0, tx: 0, T: 10_000 })).toBe(1)
  })
})

describe('unconditional E[X(t)] against posterior quadrature', () => {
  test.each([[1], [39], [78], [520], [5200]])('t = %s weeks', (t) => {
    const oracle = posteriorByQuadrature(CDNOW, { x: 0, tx: 0, T: 0 }, [t])
    expect(relErr(expectedPurchasesNew(CDNOW, t), oracle.expected[0] as number)).toBeLessThan(REL)
  })

  test('equals the conditional expectation of a customer first seen today', () => {
    expect(expectedPurchases(CDNOW, { x: 0, tx: 0, T: 0 }, 39)).toBe(expectedPurchasesNew(CDNOW, 39))
  })

  test('is 0 for a non-positive horizon', () => {
    expect(expectedPurchasesNew(CDNOW, 0)).toBe(0)
    expect(expectedPurchases(CDNOW, { x: 3, tx: 10, T: 20 }, -1)).toBe(0)
  })
})
