/** The chart specs behind 图表 and 概览, built from the customers the speaker may see. */
import { dateOfDay, dayNumber } from '../../domain/calendar.js'
import type { MonthlyRevenueChart, RankedBarsChart, TierPyramidChart } from '../../domain/charts/specs.js'
import { provinceCounts } from '../../domain/customer/region.js'
import type { CustomerClass } from '../../domain/segment/classify.js'
import type { GroupName } from '../../domain/types.js'
import type { MessageContext } from '../context.js'
import { tierContributions } from './contribution.js'
import { visibleClasses } from './scope.js'

/** `全部客户` for admins, `小王的客户` for an agent: whose customers a chart shows. */
export function who(ctx: MessageContext): string {
  return ctx.role === 'admin' ? '全部客户' : `${ctx.agent?.name ?? ''}的客户`
}

/** Customer counts per tier beside what each tier contributes (profit when costs are known). */
export function pyramidSpec(ctx: MessageContext): TierPyramidChart {
  return pyramidOf(visibleClasses(ctx).map(v => v.c), ctx.classified().classification.asOf, who(ctx))
}

/** The pyramid of these classified customers (the digest job draws all of them). */
export function pyramidOf(classes: readonly CustomerClass[], asOf: string, whose: string): TierPyramidChart {
  return {
    kind: 'tier-pyramid',
    title: '客户价值金字塔',
    subtitle: `${whose} · 截至 ${asOf} · 右侧为近一年利润`,
    valueHeading: '利润贡献',
    tiers: tierContributions(classes),
  }
}

/** Revenue of the last 12 months, each month split by the customers' current group. */
export function monthlySpec(ctx: MessageContext): MonthlyRevenueChart {
  const visible = visibleClasses(ctx)
  const today = ctx.classified().classification.asOf
  const months: string[] = []
  let m = today.slice(0, 7)
  for (let i = 0; i < 12; i++) {
    months.unshift(m)
    m = dateOfDay(dayNumber(`${m}-01`) - 1).slice(0, 7)
  }
  const blank = (): Record<GroupName, number> => ({ loyal: 0, fast_growing: 0, dormant: 0, nurture: 0 })
  const byMonth = new Map(months.map(month => [month, blank()]))
  for (const v of visible) {
    for (const o of ctx.deps.store.orders.ofCustomer(v.customer.id)) {
      if (o.status !== 'active' || o.amountFen === null || o.placedOn > today) continue
      const row = byMonth.get(o.placedOn.slice(0, 7))
      if (row) row[v.c.group] += Math.max(0, o.amountFen - o.refundedFen)
    }
  }
  return {
    kind: 'monthly-revenue',
    title: '近12个月收入（按客户分组）',
    subtitle: `${who(ctx)} · ${months[0]} 至 ${months[11]}`,
    months: months.map(month => ({ month, byGroup: byMonth.get(month)! })),
  }
}

/** Customers in view per province (from their addresses), largest first. */
export function regionSpec(ctx: MessageContext): RankedBarsChart {
  const visible = visibleClasses(ctx)
  const { counts, unknown } = provinceCounts(visible.map(v => v.customer.region))
  return {
    kind: 'ranked-bars',
    title: '客户地区分布',
    subtitle: `${who(ctx)} · 截至 ${ctx.classified().classification.asOf}`,
    bars: counts.map(([label, value]) => ({ label, value })),
    unit: '人',
    footnote: `按报单里的地址算 · 地址未知 ${unknown} 人${counts.length > 12 ? ` · 只画前 12 个省份` : ''}`,
  }
}
