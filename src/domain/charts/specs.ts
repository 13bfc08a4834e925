/** What a chart shows, independent of how it is drawn: the app builds a spec, a ChartRenderer turns it into an image. */
import type { Grade, GroupName } from '../types.js'

/** One value tier's customers and the profit they brought (fen). */
export interface TierFigures {
  tier: Grade
  customers: number
  profitFen: number
}

/**
 * Customer-count pyramid (A narrow at the top, D wide at the bottom) beside the profit inverted pyramid
 * (A wide at the top); bands read "A 级 12 人" and "¥23,400（61%）". Missing tiers count as zero.
 */
export interface TierPyramidChart {
  kind: 'tier-pyramid'
  title: string
  subtitle?: string
  /** Heading of the right-hand pyramid; `利润贡献` unless the amounts are spend (`消费额贡献`). */
  valueHeading?: string
  tiers: TierFigures[]
}

/** One month of revenue (fen) split by customer group; `month` is YYYY-MM. */
export interface MonthRevenue {
  month: string
  byGroup: Record<GroupName, number>
}

/** Stacked revenue columns per month by group, with a legend and a y axis in 元. */
export interface MonthlyRevenueChart {
  kind: 'monthly-revenue'
  title: string
  subtitle?: string
  months: MonthRevenue[]
}

/** One stage of the funnel and, for all but the first, the share who reached it from the one above this month. */
export interface FunnelStage {
  label: string
  count: number
  /** `本月 20%（上月 10%）` between this stage and the one above; null for the first. */
  step: string | null
}

/** The lifecycle funnel: a bar per stage, widest first, the month's conversion between them. */
export interface FunnelChart {
  kind: 'funnel'
  title: string
  subtitle?: string
  stages: FunnelStage[]
  /** A line under the funnel (沉睡 counted apart). */
  footnote: string
}

/** Horizontal bars, largest first: customers per province and the like. */
export interface RankedBarsChart {
  kind: 'ranked-bars'
  title: string
  subtitle?: string
  bars: { label: string, value: number }[]
  /** What a value counts, after the number (`人`). */
  unit: string
  footnote: string
}

/** Every chart the bot can draw. */
export type ChartSpec = TierPyramidChart | MonthlyRevenueChart | FunnelChart | RankedBarsChart

/** Draws a chart spec as an image the bot can send in chat. */
export interface ChartRenderer {
  /** PNG bytes of the chart. */
  render(spec: ChartSpec): Promise<Uint8Array>
}
