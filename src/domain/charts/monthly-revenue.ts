/** Layout-free plan of the monthly revenue chart: stacked segments, axis ticks and labels in fen. */
import { GROUP_NAMES } from '../segment/groups.js'
import type { GroupName } from '../types.js'
import { formatYuanShort, monthLabel } from './format.js'
import { niceTicks } from './geometry.js'
import type { MonthlyRevenueChart } from './specs.js'

/** Stack order from the bottom up, which is also the legend order. */
export const GROUP_ORDER: readonly GroupName[] = ['loyal', 'fast_growing', 'nurture', 'dormant']

/** One group's slice of a column, from `fromFen` up to `toFen`. */
export interface PlannedSegment {
  group: GroupName
  fromFen: number
  toFen: number
}

/** One month's column. */
export interface PlannedColumn {
  month: string
  year: string | null
  totalFen: number
  total: string
  segments: PlannedSegment[]
}

/** Everything the renderer draws for a MonthlyRevenueChart. */
export interface MonthlyRevenuePlan {
  title: string
  subtitle: string | null
  legend: { group: GroupName, label: string }[]
  ticks: { fen: number, label: string }[]
  /** The top tick: the value at the top of the plot area. */
  maxFen: number
  columns: PlannedColumn[]
  unit: string
  empty: string | null
}

/** Plans stacked columns in month order; negative amounts (net refunds) are drawn as zero. */
export function planMonthlyRevenue(spec: MonthlyRevenueChart): MonthlyRevenuePlan {
  const months = [...spec.months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
  const columns = months.map((m, i) => {
    let top = 0
    const segments = GROUP_ORDER.map((group) => {
      const value = m.byGroup[group]
      const fromFen = top
      top += Number.isFinite(value) && value > 0 ? value : 0
      return { group, fromFen, toFen: top }
    })
    const label = monthLabel(m.month, i === 0)
    return { month: label.month, year: label.year, totalFen: top, total: formatYuanShort(top, 1), segments }
  })
  // Without any month there is nothing to measure: no axis at all rather than a made-up scale.
  const ticks = columns.length === 0 ? [] : niceTicks(Math.max(0, ...columns.map((c) => c.totalFen)))
  return {
    title: spec.title,
    subtitle: spec.subtitle ?? null,
    legend: GROUP_ORDER.map((group) => ({ group, label: GROUP_NAMES[group] })),
    ticks: ticks.map((fen) => ({ fen, label: formatYuanShort(fen) })),
    maxFen: ticks[ticks.length - 1] ?? 0,
    columns,
    unit: '金额（元）',
    empty: columns.length === 0 ? '暂无数据' : null,
  }
}
