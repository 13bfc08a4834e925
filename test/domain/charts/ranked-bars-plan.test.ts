/** The ranked bars plan: largest first, at most MAX_BARS, widths relative to the largest. */
import { describe, expect, it } from 'vitest'
import { MAX_BARS, planRankedBars } from '../../../src/domain/charts/ranked-bars.js'

describe('planRankedBars', () => {
  it('sorts, keeps the first MAX_BARS and scales to the largest', () => {
    const plan = planRankedBars({ kind: 'ranked-bars', title: 't', unit: '人', footnote: '', bars: Array.from({ length: 15 }, (_, i) => ({ label: `p${i}`, value: (i + 1) * 10 })) })
    expect(plan.bars).toHaveLength(MAX_BARS)
    expect(plan.bars[0]).toEqual({ label: 'p14', width: 1, value: '150 人' })
    expect(plan.bars.at(-1)).toEqual({ label: 'p3', width: 40 / 150, value: '40 人' })
  })
})
