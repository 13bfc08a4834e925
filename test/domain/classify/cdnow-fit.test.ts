/**
 * Reproduces the published CDNOW fits from the 1/10 sample: BG/NBD (FHL 2005, Marketing Science) r = 0.243,
 * α = 4.414 weeks, a = 0.793, b = 2.426, LL = −9582.4; Gamma-Gamma (FHL 2005, JMR) p = 6.25, q = 3.74,
 * γ = 15.44. Summaries follow ANALYTICS.md §1 (same-day rows merged, as of 1997-09-30 inclusive, weeks = days/7).
 */

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import type { BgnbdFit, Rft } from '../../../src/domain/classify/bgnbd.js'
import { fitBgnbd } from '../../../src/domain/classify/bgnbd.js'
import { fitGammaGamma } from '../../../src/domain/classify/gamma-gamma.js'

const CSV = fileURLToPath(new URL('../../fixtures/cdnow_sample_transactions.csv', import.meta.url))
const DAY_MS = 86_400_000

interface CdnowSummary extends Rft { zbar: number | null }

/** master_id,id,date,cds,dollars → one (x, t_x, T, z̄) per customer in weeks, as of `asOf` inclusive. */
function readCdnow(asOf: string): CdnowSummary[] {
  const asOfDay = Date.parse(`${asOf}T00:00:00Z`) / DAY_MS
  const occasions = new Map<string, Map<number, number>>()
  const lines = readFileSync(CSV, 'utf8').trim().split(/\r?\n/).slice(1)
  for (const line of lines) {
    const [id, , date, , dollars] = line.split(',')
    const day = Date.parse(`${date}T00:00:00Z`) / DAY_MS
    if (id === undefined || !(day <= asOfDay)) continue
    const days = occasions.get(id) ?? new Map<number, number>()
    days.set(day, (days.get(day) ?? 0) + Number(dollars))
    occasions.set(id, days)
  }
  return [...occasions.values()].map((amounts) => {
    const days = [...amounts.keys()].sort((u, v) => u - v)
    const first = days[0] as number
    const last = days[days.length - 1] as number
    const x = days.length - 1
    const repeatSpend = days.slice(1).reduce((s, d) => s + (amounts.get(d) as number), 0)
    return { x, tx: (last - first) / 7, T: (asOfDay - first) / 7, zbar: x > 0 ? repeatSpend / x : null }
  })
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000

describe('CDNOW published fits', () => {
  let data: CdnowSummary[] = []
  let fit: BgnbdFit
  beforeAll(() => {
    data = readCdnow('1997-09-30')
    fit = fitBgnbd(data)
  })

  test('summary has the published shape: 2357 customers, 1411 with x = 0', () => {
    expect(data).toHaveLength(2357)
    expect(data.filter(c => c.x === 0)).toHaveLength(1411)
  })

  test.each([
    ['r', 0.243],
    ['alpha', 4.414],
    ['a', 0.793],
    ['b', 2.426],
  ] as const)('BG/NBD %s = %s to the third decimal', (key, published) => {
    expect(Math.abs(round3(fit.params[key]) - published)).toBeLessThan(0.0005)
  })

  test('BG/NBD log-likelihood −9582.4, converged by gradient norm', () => {
    expect(Math.abs(fit.logLik - -9582.4)).toBeLessThanOrEqual(0.05)
    expect(fit.objective).toBe(-fit.logLik)
    expect(fit.converged).toBe(true)
    expect(fit.atBound).toBe(false)
  })

  test('refit in days gives α = 7·α_weeks with the same r, a, b and LL shifted by −Σx·ln 7', () => {
    const days = fitBgnbd(data.map(c => ({ x: c.x, tx: c.tx * 7, T: c.T * 7 })))
    expect(days.params.alpha / fit.params.alpha).toBeCloseTo(7, 4)
    expect(days.params.r).toBeCloseTo(fit.params.r, 5)
    expect(days.params.a).toBeCloseTo(fit.params.a, 4)
    expect(days.params.b).toBeCloseTo(fit.params.b, 4)
    const sumX = data.reduce((s, c) => s + c.x, 0)
    expect(days.logLik).toBeCloseTo(fit.logLik - sumX * Math.log(7), 4)
  })

  test('Gamma-Gamma on x > 0 customers: p = 6.25, q = 3.74, γ = 15.44', () => {
    const gg = fitGammaGamma(data.filter(c => c.zbar !== null).map(c => ({ x: c.x, zbar: c.zbar as number })))
    expect(gg.n).toBe(946)
    expect(gg.params.p).toBeCloseTo(6.25, 2)
    expect(gg.params.q).toBeCloseTo(3.74, 2)
    expect(gg.params.gamma).toBeCloseTo(15.44, 2)
    expect(gg.converged).toBe(true)
  })
})
