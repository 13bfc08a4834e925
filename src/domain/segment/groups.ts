/**
 * The four groups merchants think in (DESIGN.md §5), by the first rule that matches (ANALYTICS.md §8),
 * each with a reason in plain Chinese that quotes the numbers behind it.
 */
import { formatFen } from '../money.js'
import type { MerchantFacts } from './merchant.js'
import type { ClassifyPolicy } from './policy.js'
import type { RfmScore } from './rfm.js'
import type { CustomerSummary } from './summary.js'

export type Group = 'loyal' | 'fast_growing' | 'dormant' | 'nurture'

export const GROUP_NAMES: Record<Group, string> = {
  loyal: '忠诚型',
  fast_growing: '快速成长型',
  dormant: '睡眠型',
  nurture: '值得重视培养',
}

export interface GroupInput {
  summary: CustomerSummary
  rfm: RfmScore
  /** P(alive) from the model; null when no model is used (rules only). */
  pAlive: number | null
  /** Expected purchases in the policy horizon; null without a model. */
  expected: number | null
}

export interface GroupResult {
  group: Group
  atRisk: boolean
  /** Personal cadence ĝ (days) and silence ratio s = (T − t_x)/ĝ (ANALYTICS.md §8). */
  cadenceDays: number
  silenceRatio: number
  /** Spend growth g = (recent + c)/(prior + c); null when the trend is not defined. */
  growth: number | null
  reasons: string[]
}

const pct = (p: number): string => `${Math.round(p * 100)}%`
const days = (d: number): string => `${Math.round(d)}天`

/** How a customer who bought on one day only is described: two orders on that day are not "one order". */
export function oneDayText(s: Pick<CustomerSummary, 'orderCount'>): string {
  return s.orderCount > 1 ? `只在一天里下过${s.orderCount}单` : '只下过一单'
}

/** Personal cadence shrunk toward the merchant's median gap: (t_x + κ·g0)/(x + κ). */
export function personalCadence(s: CustomerSummary, medianGap: number, kappa: number): number {
  return (s.tx + kappa * medianGap) / (s.x + kappa)
}

/** Spend growth, defined only for customers old enough with ≥ 2 occasions in the recent window. */
export function spendGrowth(s: CustomerSummary, window: number, pseudoFen: number): number | null {
  if (s.T < 2 * window || s.recentOccasions < 2) return null
  const c = Math.max(pseudoFen, 1)
  return (s.recentFen + c) / (s.priorFen + c)
}

/**
 * What {@link decideGroup} fills in: the group, its facts and its reasons (the second reason is the
 * at-risk warning, or null). Classifying many customers reuses one record instead of allocating per customer.
 */
export interface GroupDecision {
  group: Group
  atRisk: boolean
  cadenceDays: number
  silenceRatio: number
  growth: number | null
  reason: string
  extraReason: string | null
}

/** A blank record for {@link decideGroup}. */
export function newGroupDecision(): GroupDecision {
  return { group: 'nurture', atRisk: false, cadenceDays: 0, silenceRatio: 0, growth: null, reason: '', extraReason: null }
}

function decided(out: GroupDecision, group: Group, atRisk: boolean, reason: string, extraReason: string | null = null): GroupDecision {
  out.group = group
  out.atRisk = atRisk && group !== 'dormant'
  out.reason = reason
  out.extraReason = extraReason
  return out
}

/** Decides one customer's group into `out` (the allocation-free core of {@link assignGroup}); fScore is the RFM F score. */
export function decideGroup(s: CustomerSummary, fScore: number, pAlive: number | null, expected: number | null, merchant: MerchantFacts, policy: ClassifyPolicy, out: GroupDecision): GroupDecision {
  const cadenceDays = personalCadence(s, merchant.medianGapDays, policy.cadenceShrink)
  const silence = s.T - s.tx
  const silenceRatio = silence / cadenceDays
  const growth = spendGrowth(s, policy.window, merchant.medianWindowSpendFen)
  const atRisk = pAlive !== null && s.x >= 1 && pAlive >= policy.atRisk.low && pAlive < policy.atRisk.high
  out.cadenceDays = cadenceDays
  out.silenceRatio = silenceRatio
  out.growth = growth
  const d = policy.dormant
  const alive = pAlive === null ? '' : `，仍活跃概率${pct(pAlive)}`

  if (s.x >= 1 && pAlive !== null && pAlive < d.pAlive)
    return decided(out, 'dormant', atRisk, `平均每${days(cadenceDays)}复购一次，已${days(silence)}未下单${alive}`)
  if (s.x >= 1 && silenceRatio > d.silenceRatio && silence >= d.minSilenceDays && (pAlive === null || pAlive < d.silenceMaxPAlive))
    return decided(out, 'dormant', atRisk, `平均每${days(cadenceDays)}复购一次，已${days(silence)}未下单，超过平时间隔的${silenceRatio.toFixed(1)}倍${alive}`)
  if (s.x === 0 && s.T > merchant.secondOrderCutoffDays) {
    const basis = merchant.cutoffFromData ? `本店九成回头客在${days(merchant.secondOrderCutoffDays)}内下第二单` : `超过${days(merchant.secondOrderCutoffDays)}没有回购`
    return decided(out, 'dormant', atRisk, `${oneDayText(s)}，已${days(s.T)}没有再买（${basis}）`)
  }
  if (expected !== null && s.x >= 1 && s.T > policy.newDays && expected < d.minExpected)
    return decided(out, 'dormant', atRisk, `预计未来${policy.horizon}天下单${expected.toFixed(2)}次，已${days(silence)}未下单`)

  if (s.T <= policy.newDays)
    return decided(out, 'nurture', atRisk, s.T === 0 ? (s.orderCount > 1 ? `新客户：今天下了${s.orderCount}单` : '新客户：今天刚下第一单') : `新客户：首单在${days(s.T)}前，共${s.orderCount}单`)
  if (s.x === 0)
    return decided(out, 'nurture', atRisk, `${oneDayText(s)}（${days(s.T)}前），还在等下一次购买`)

  const lively = pAlive === null ? silenceRatio <= 1.5 : pAlive >= policy.fast.pAlive
  if (s.x >= 2 && lively && growth !== null && growth >= policy.fast.growth)
    return decided(out, 'fast_growing', atRisk, `近${policy.window}天消费${formatFen(s.recentFen)}，是前${policy.window}天的${growth.toFixed(1)}倍`)
  const steady = pAlive === null ? silenceRatio <= 1.5 : pAlive >= policy.loyal.pAlive
  const frequent = fScore >= policy.loyal.minFScore || (s.x >= merchant.repeatP80 && s.x >= 3)
  if (s.x >= 2 && steady && frequent)
    return decided(out, 'loyal', atRisk, `已复购${s.x}次，平均每${days(cadenceDays)}一次${alive}`)

  const reason = frequent
    ? `已复购${s.x}次，但最近下单变少${alive}`
    : `已复购${s.x}次，平均每${days(cadenceDays)}一次，还没到忠诚客户的频次${alive}`
  return decided(out, 'nurture', atRisk, reason, atRisk ? `活跃概率降到${pct(pAlive!)}，需要跟进` : null)
}

/** Assigns one group per customer. */
export function assignGroup(input: GroupInput, merchant: MerchantFacts, policy: ClassifyPolicy): GroupResult {
  const d = decideGroup(input.summary, input.rfm.f, input.pAlive, input.expected, merchant, policy, newGroupDecision())
  return { group: d.group, atRisk: d.atRisk, cadenceDays: d.cadenceDays, silenceRatio: d.silenceRatio, growth: d.growth, reasons: d.extraReason === null ? [d.reason] : [d.reason, d.extraReason] }
}
