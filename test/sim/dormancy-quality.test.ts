/**
 * The quality bar for 睡眠型 (see `npm run eval:dormancy` for the full study): on simulated merchants
 * with known truth, the F1 of "dormant" among repeat customers reaches at least 0.90 of the best F1
 * an oracle gets from P(alive) with the TRUE parameters. Seeds here differ from the tuning seeds.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../../src/domain/segment/policy.js'
import { bestThresholdF1, evaluateScenario, f1Score, SCENARIOS } from '../../src/sim/dormancy-eval.js'

describe('dormancy against the truth', () => {
  it.each(SCENARIOS.flatMap(s => [300, 2000].map(n => [s.name, n, s] as const)))('%s, %i customers: F1 ≥ 0.90 × oracle', (_name, n, scenario) => {
    const { score } = evaluateScenario({ ...scenario, n, seed: 11 }, DEFAULT_POLICY)
    expect(score.repeaters).toBeGreaterThan(50)
    expect(score.oracleF1).toBeGreaterThan(0.4)
    expect(score.ratio).toBeGreaterThanOrEqual(0.9)
  })
})

describe('scoring helpers', () => {
  it('computes F1 from predictions', () => {
    const pairs = [[true, true], [true, false], [false, true], [false, false], [true, true]].map(([predicted, truth]) => ({ predicted: predicted!, truth: truth! }))
    expect(f1Score(pairs)).toEqual({ f1: 4 / 6, precision: 2 / 3, recall: 2 / 3 })
  })

  it('finds the best threshold, never splitting tied scores', () => {
    expect(bestThresholdF1([{ score: 0.1, truth: true }, { score: 0.2, truth: true }, { score: 0.9, truth: false }])).toBe(1)
    expect(bestThresholdF1([{ score: 0.5, truth: true }, { score: 0.5, truth: false }])).toBeCloseTo(2 / 3)
  })
})
