/** Analytic gradients of both log-likelihoods against central finite differences on ln-parameters. */

import betaln from '@stdlib/math-base-special-betaln'
import gammaln from '@stdlib/math-base-special-gammaln'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { BgnbdParams, Rft } from '../../../src/domain/classify/bgnbd.js'
import { bgnbdGradient, bgnbdLogLikelihood } from '../../../src/domain/classify/bgnbd.js'
import type { GammaGammaParams } from '../../../src/domain/classify/gamma-gamma.js'
import { gammaGammaGradient, gammaGammaLogLikelihood } from '../../../src/domain/classify/gamma-gamma.js'
import { simulateBgnbd } from '../../../src/sim/generate.js'

const sim = simulateBgnbd({ n: 300, params: { r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, spend: { p: 6, q: 4, gamma: 15 }, maxT: 365, horizon: 0, seed: 11 })
const rft: Rft[] = [...sim.map(({ x, tx, T }) => ({ x, tx, T })), { x: 0, tx: 0, T: 0 }, { x: 40, tx: 300, T: 300 }]
const spend = sim.filter(c => c.x > 0).map(c => ({ x: c.x, zbar: c.purchases.slice(1, c.x + 1).reduce((s, p) => s + p.amount, 0) / c.x }))

/** Central difference of f along ln θ_key, step h, compared with θ·∂f/∂θ. */
function checkLnGradient<P extends object>(f: (p: P) => number, grad: (p: P) => P, p: P): void {
  const h = 1e-5
  const g = grad(p)
  const value = Math.abs(f(p))
  for (const key of Object.keys(p) as (keyof P)[]) {
    const theta = p[key] as number
    const up = f({ ...p, [key]: theta * Math.exp(h) })
    const down = f({ ...p, [key]: theta * Math.exp(-h) })
    const numeric = (up - down) / (2 * h)
    const analytic = theta * (g[key] as number)
    expect(Math.abs(numeric - analytic), `${String(key)}: fd ${numeric} vs ${analytic}`).toBeLessThanOrEqual(1e-8 * value + 1e-7 * Math.abs(analytic) + 1e-7)
  }
}

const lnBg = fc.record({ r: fc.double({ min: -3, max: 2, noNaN: true }), alpha: fc.double({ min: -1, max: 6, noNaN: true }), a: fc.double({ min: -3, max: 3, noNaN: true }), b: fc.double({ min: -3, max: 5, noNaN: true }) })
const expAll = <K extends string>(o: Record<K, number>): Record<K, number> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.exp(v as number)])) as Record<K, number>

/** ln L_i written out directly with gammaln/betaln and an explicit sum of exponentials (FHL 2005 eq. 6). */
function directBgnbd(p: BgnbdParams, data: readonly Rft[]): number {
  return data.reduce((sum, { x, tx, T }) => {
    const e1 = -(p.r + x) * Math.log(p.alpha + T)
    const e2 = Math.log(p.a) - Math.log(p.b + x - 1) - (p.r + x) * Math.log(p.alpha + tx)
    const m = x > 0 ? Math.max(e1, e2) : e1
    const lse = m + Math.log(Math.exp(e1 - m) + (x > 0 ? Math.exp(e2 - m) : 0))
    return sum + gammaln(p.r + x) - gammaln(p.r) + p.r * Math.log(p.alpha) + betaln(p.a, p.b + x) - betaln(p.a, p.b) + lse
  }, 0)
}

describe('BG/NBD log-likelihood gradient', () => {
  test('matches central finite differences at random parameter points', () => {
    fc.assert(fc.property(lnBg, (ln) => {
      checkLnGradient(q => bgnbdLogLikelihood(q, rft), q => bgnbdGradient(q, rft), expAll(ln) as BgnbdParams)
    }), { numRuns: 60, seed: 20240601 })
  })

  test.each<[string, BgnbdParams]>([
    ['CDNOW in days', { r: 0.243, alpha: 30.9, a: 0.793, b: 2.426 }],
    ['degenerate a, b ~ e^18', { r: 0.3, alpha: 40, a: Math.exp(17), b: Math.exp(18) }],
    ['tiny r', { r: 1e-4, alpha: 5, a: 0.1, b: 0.2 }],
  ])('matches finite differences: %s', (_name, p) => {
    checkLnGradient(q => bgnbdLogLikelihood(q, rft), q => bgnbdGradient(q, rft), p)
  })

  test('the log-likelihood matches a direct per-customer evaluation, also past the recurrence limit of x', () => {
    const heavy: Rft[] = [...rft, { x: 100_001, tx: 3000, T: 3650 }]
    fc.assert(fc.property(lnBg, (ln) => {
      const p = expAll(ln) as BgnbdParams
      for (const data of [rft, heavy]) {
        const direct = directBgnbd(p, data)
        expect(Math.abs(bgnbdLogLikelihood(p, data) - direct)).toBeLessThanOrEqual(1e-9 * Math.abs(direct))
      }
    }), { numRuns: 40, seed: 7 })
  })

  test('a customer first seen today adds exactly 0', () => {
    expect(bgnbdLogLikelihood({ r: 0.3, alpha: 9, a: 0.5, b: 3 }, [{ x: 0, tx: 0, T: 0 }])).toBe(0)
  })

  test.each<[string, Rft]>([
    ['t_x > T', { x: 2, tx: 10, T: 5 }],
    ['fractional x', { x: 1.5, tx: 1, T: 5 }],
    ['negative x', { x: -1, tx: 0, T: 5 }],
    ['infinite T', { x: 0, tx: 0, T: Infinity }],
  ])('rejects an invalid summary: %s', (_name, c) => {
    expect(() => bgnbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, [c])).toThrow(RangeError)
  })
})

describe('Gamma-Gamma log-likelihood gradient', () => {
  const lnGg = fc.record({ p: fc.double({ min: -2, max: 4, noNaN: true }), q: fc.double({ min: -2, max: 4, noNaN: true }), gamma: fc.double({ min: -2, max: 6, noNaN: true }) })

  test('matches central finite differences at random parameter points', () => {
    fc.assert(fc.property(lnGg, (ln) => {
      checkLnGradient(q => gammaGammaLogLikelihood(q, spend), q => gammaGammaGradient(q, spend), expAll(ln) as GammaGammaParams)
    }), { numRuns: 60, seed: 99 })
  })

  test('matches a direct per-customer evaluation and ignores x = 0', () => {
    const p: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 }
    const direct = spend.reduce((s, { x, zbar }) => s + gammaln(p.p * x + p.q) - gammaln(p.p * x) - gammaln(p.q) + p.q * Math.log(p.gamma)
      + (p.p * x - 1) * Math.log(zbar) + p.p * x * Math.log(x) - (p.p * x + p.q) * Math.log(p.gamma + x * zbar), 0)
    expect(gammaGammaLogLikelihood(p, [...spend, { x: 0, zbar: 0 }])).toBeCloseTo(direct, 8)
  })
})
