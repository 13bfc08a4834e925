/** Layout-free plan of the tier pyramid chart: bands, labels and headings, ready to be scaled and drawn. */
import type { Grade } from '../types.js'
import { formatCount, formatPercent, formatWholeYuan, profitShareLines, roundPercents, tierCustomersLines } from './format.js'
import { pyramidBands, type PyramidBand } from './geometry.js'
import type { TierFigures, TierPyramidChart } from './specs.js'

/** Value tiers from the top of the customer pyramid down. */
export const TIERS: readonly Grade[] = ['A', 'B', 'C', 'D']

/** Shape shared by both pyramids (unit widths and heights, see pyramidBands). */
export const PYRAMID_SHAPE = { apexWidth: 0.38, minBandHeight: 0.12 } as const

/** One labelled band. */
export interface PlannedBand extends PyramidBand {
  tier: Grade
  label: string
  /** The same label broken in two lines, for a band too narrow for one. */
  labelLines: [string, string]
  /** Smaller second line, when there is room for it. */
  detail: string | null
  percent: number
}

/** One of the two pyramids. */
export interface PlannedPyramid {
  heading: string
  total: string
  bands: PlannedBand[]
}

/** Everything the renderer draws for a TierPyramidChart. */
export interface TierPyramidPlan {
  title: string
  subtitle: string | null
  customers: PlannedPyramid
  profit: PlannedPyramid
  footnote: string
}

/** Figures per tier in A..D order: entries for the same tier are added up, missing tiers are zero. */
export function tiersInOrder(tiers: readonly TierFigures[]): TierFigures[] {
  return TIERS.map((tier) => tiers
    .filter((t) => t.tier === tier)
    .reduce((acc, t) => ({ tier, customers: acc.customers + t.customers, profitFen: acc.profitFen + t.profitFen }),
      { tier, customers: 0, profitFen: 0 }))
}

type BandText = { lines: [string, string], joiner: string, detail: string | null }

function planBands(values: number[], inverted: boolean, text: (value: number, percent: number, tier: Grade) => BandText): PlannedBand[] {
  const percents = roundPercents(values)
  const bands = pyramidBands(values, { inverted, ...PYRAMID_SHAPE })
  return TIERS.map((tier, i) => {
    const percent = percents[i] ?? 0
    const { lines, joiner, detail } = text(values[i] ?? 0, percent, tier)
    return { ...(bands[i] as PyramidBand), tier, label: lines.join(joiner), labelLines: lines, detail, percent }
  })
}

/** Plans the customer pyramid (A at the narrow top) and the profit inverted pyramid (A at the wide top). */
export function planTierPyramid(spec: TierPyramidChart): TierPyramidPlan {
  const tiers = tiersInOrder(spec.tiers)
  const counts = tiers.map((t) => t.customers)
  const profits = tiers.map((t) => t.profitFen)
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
  return {
    title: spec.title,
    subtitle: spec.subtitle ?? null,
    customers: {
      heading: '客户数量',
      total: `共 ${formatCount(sum(counts))} 人`,
      bands: planBands(counts, false, (n, pct, tier) => ({ lines: tierCustomersLines(tier, n), joiner: ' ', detail: `占 ${formatPercent(pct, n)}` })),
    },
    profit: {
      heading: spec.valueHeading ?? '利润贡献',
      total: `合计 ${formatWholeYuan(sum(profits))}`,
      bands: planBands(profits, true, (fen, pct) => ({ lines: profitShareLines(fen, pct), joiner: '', detail: null })),
    },
    footnote: 'A→D 级：客户价值由高到低 · 色块大小示意占比',
  }
}
