/** Numerical safety of the per-customer BG/NBD quantities (ANALYTICS.md §3, §4, §9). */

import { describe, expect, test } from 'vitest'
import type { BgnbdParams, Rft } from '../../../src/domain/classify/bgnbd.js'
import { expectedPurchases, expectedPurchasesNew, pAlive } from '../../../src/domain/classify/bgnbd.js'

const DAYS: BgnbdParams = { r: 0.243, alpha: 30.9, a: 0.793, b: 2.426 }

describe('heavy buyers and long histories', () => {
  test.each<[string, Rft]>([
    ['x = 500 over ten years, recent', { x: 500, tx: 3600, T: 3650 }],
    ['x = 500 over ten years, silent for years', { x: 500, tx: 900, T: 3650 }],
    ['x = 5000 daily buyer', { x: 5000, tx: 3649, T: 3650 }],
    ['x = 200, t_x = T', { x: 200, tx: 3650, T: 3650 }],
  ])('%s: finite P(alive) in [0, 1] and finite E[Y]', (_name, c) => {
    const p = pAlive(DAYS, c)
    expect(p).toBeGreaterThanOrEqual(0)
    expect(p).toBeLessThanOrEqual(1)
    for (const t of [1, 90, 365, 3650]) {
      const e = expectedPurchases(DAYS, c, t)
      expect(Number.isFinite(e)).toBe(true)
      expect(e).toBeGreaterThanOrEqual(0)
    }
  })

  test('a long silence after many purchases drives P(alive) to 0 without NaN', () => {
    const p = pAlive(DAYS, { x: 500, tx: 100, T: 3650 })
    expect(p).toBeGreaterThanOrEqual(0)
    expect(p).toBeLessThan(1e-100)
  })

  test('the ANALYTICS.md §4 example x = 200, t = 5200 weeks is finite (direct ₂F₁ form gives NaN)', () => {
    const e = expectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { x: 200, tx: 38, T: 39 }, 5200)
    expect(Number.isFinite(e)).toBe(true)
    expect(e).toBeGreaterThan(100)
  })
})

describe('a ≈ 1', () => {
  const c: Rft = { x: 4, tx: 200, T: 300 }
  const near = (a: number): BgnbdParams => ({ ...DAYS, a })

  test.each([[1], [1 + 5e-7], [1 - 5e-7], [1 + 1e-12]])('a = %s gives finite values continuous with a = 1 ± 1e−3', (a) => {
    for (const t of [30, 365, 3650]) {
      const e = expectedPurchases(near(a), c, t)
      const n = expectedPurchasesNew(near(a), t)
      expect(Number.isFinite(e) && Number.isFinite(n)).toBe(true)
      const lo = expectedPurchases(near(1 - 1e-3), c, t)
      const hi = expectedPurchases(near(1 + 1e-3), c, t)
      expect(e).toBeGreaterThan(Math.min(lo, hi) * (1 - 1e-6))
      expect(e).toBeLessThan(Math.max(lo, hi) * (1 + 1e-6))
      expect(Math.abs(n / expectedPurchasesNew(near(1 + 1e-3), t) - 1)).toBeLessThan(1e-2)
    }
  })

  test('expected purchases are increasing in the horizon', () => {
    let previous = 0
    for (const t of [1, 7, 30, 90, 365, 3650]) {
      const e = expectedPurchases(near(1), c, t)
      expect(e).toBeGreaterThan(previous)
      previous = e
    }
  })
})

describe('other parameter corners', () => {
  test.each<[string, BgnbdParams]>([
    ['a + b < 1 (negative ₂F₁ lower parameter for x = 0)', { r: 0.5, alpha: 20, a: 0.3, b: 0.4 }],
    ['a + b = 1 exactly (₂F₁ pole at c = 0)', { r: 0.5, alpha: 20, a: 0.25, b: 0.75 }],
    ['degenerate a, b ~ e^20', { r: 0.5, alpha: 20, a: Math.exp(19), b: Math.exp(20) }],
    ['a > 1', { r: 2, alpha: 50, a: 3, b: 4 }],
  ])('%s: finite, non-negative expectations', (_name, params) => {
    for (const c of [{ x: 0, tx: 0, T: 100 }, { x: 3, tx: 80, T: 100 }]) {
      const e = expectedPurchases(params, c, 90)
      expect(Number.isFinite(e) && e >= 0).toBe(true)
    }
    const n = expectedPurchasesNew(params, 90)
    expect(Number.isFinite(n) && n >= 0).toBe(true)
  })

  test('degenerate a, b → ∞ (a/(a+b) fixed) approach the common-p limit smoothly', () => {
    const c = { x: 3, tx: 80, T: 100 }
    const at = (a: number): BgnbdParams => ({ r: 0.5, alpha: 20, a, b: a * Math.E })
    const limit = expectedPurchases(at(Math.exp(19)), c, 90)
    expect(Math.abs(expectedPurchases(at(1e7), c, 90) / limit - 1)).toBeLessThan(1e-6)
    expect(Math.abs(expectedPurchases(at(1e3), c, 90) / limit - 1)).toBeLessThan(1e-3)
  })
})
