/**
 * What each value tier brings in, computed once for both 概览's text and the pyramid chart: the same
 * customers, the same measure (profit of the last 12 months, estimated where costs are unknown).
 */
import { formatFen } from '../../domain/money.js'
import type { CustomerClass } from '../../domain/segment/classify.js'
import type { Grade } from '../../domain/types.js'

export const TIERS: readonly Grade[] = ['A', 'B', 'C', 'D']

export interface TierContribution {
  tier: Grade
  customers: number
  /** Profit of the tier's customers (a customer's loss counts as 0). */
  profitFen: number
}

export function tierContributions(classes: readonly CustomerClass[]): TierContribution[] {
  const out = TIERS.map(tier => ({ tier, customers: 0, profitFen: 0 }))
  for (const c of classes) {
    const t = out[TIERS.indexOf(c.tier)]!
    t.customers++
    t.profitFen += Math.max(0, c.profitFen)
  }
  return out
}

/**
 * `A级 12 位（占客户 20%）贡献了近一年 63% 的利润`: the share of the highest tier that has customers,
 * from the pyramid's figures (a shop with no A-tier customer yet hears about its B tier).
 */
export function topTierLine(tiers: readonly TierContribution[]): string {
  const customers = tiers.reduce((s, t) => s + t.customers, 0)
  const profit = tiers.reduce((s, t) => s + t.profitFen, 0)
  const top = tiers.find(t => t.customers > 0) ?? tiers[0]!
  const share = profit > 0 ? Math.round((top.profitFen / profit) * 100) : 0
  return `${top.tier}级 ${top.customers} 位（占客户 ${Math.round((top.customers / Math.max(1, customers)) * 100)}%）贡献了近一年 ${share}% 的利润`
}

/** Says how the profit was estimated, or nothing when every cost is known. */
export function profitNote(margin: number | null, uncostedProducts: number): string | null {
  if (uncostedProducts === 0) return null
  if (margin === null) return `利润按消费额估算：${uncostedProducts} 种商品未录入成本，发“商品 列表”补录`
  return `利润部分为估算：${uncostedProducts} 种商品未录入成本，按其余商品的平均毛利率 ${Math.round(margin * 100)}% 计，发“商品 列表”补录`
}

/**
 * How one customer's profit was reached when part of it is estimated, in the words of 客户 and 导出:
 * empty when every cost is known.
 */
export function profitEstimateNote(c: CustomerClass, margin: number | null): string {
  const s = c.summary
  if (s.uncostedFen === 0) return ''
  return margin === null
    ? '商品成本未录入，按消费额估算'
    : `${formatFen(s.uncostedFen)} 的商品未录入成本，按平均毛利率 ${Math.round(margin * 100)}% 估算`
}
