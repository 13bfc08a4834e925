/** Classifies every customer as of a date: summaries → models → group, tier, credit grade, reasons. */
import { customerValue, expectedSpend, shrunkSpend } from '../classify/gamma-gamma.js'
import { expectedPurchases, pAlive as modelPAlive, type Rft } from '../classify/bgnbd.js'
import { dayNumber } from '../calendar.js'
import type { Order, Payment } from '../types.js'
import { fitModels, type ModelChoice } from './fit-models.js'
import { assignGroup, type Group } from './groups.js'
import { merchantFacts, type MerchantFacts } from './merchant.js'
import type { ClassifyPolicy } from './policy.js'
import { scoreRfm, type RfmScore } from './rfm.js'
import { summarizeCustomer, type CustomerSummary } from './summary.js'
import { assignTiers, creditGrade, type CreditGrade, type Tier } from './tiers.js'

export interface CustomerClass {
  customerId: string
  group: Group
  tier: Tier
  credit: CreditGrade
  atRisk: boolean
  /** P(alive); null when no model was used. */
  pAlive: number | null
  expectedPurchases: number | null
  expectedSpendFen: number
  /** Discounted value over the next 12 months, in quarters at 3 % a quarter (fen). */
  valueFen: number
  rfm: RfmScore
  cadenceDays: number
  growth: number | null
  summary: CustomerSummary
  /** Group reason first, then tier and credit. */
  reasons: string[]
}

export interface Classification {
  asOf: string
  models: ModelChoice
  merchant: MerchantFacts
  customers: CustomerClass[]
}

export interface CustomerHistory {
  id: string
  orders: readonly Order[]
  payments: readonly Payment[]
}

/** Runs the whole classification; customers with no purchase by `asOf` are left out. */
export function classifyCustomers(histories: Iterable<CustomerHistory>, asOf: string, policy: ClassifyPolicy): Classification {
  const summaries: CustomerSummary[] = []
  for (const h of histories) {
    const s = summarizeCustomer(h.id, h.orders, h.payments, asOf, { window: policy.window, creditDays: policy.creditDays })
    if (s) summaries.push(s)
  }
  const models = fitModels(summaries.map(s => ({ x: s.x, tx: s.tx, T: s.T, zbarFen: s.zbarFen })))
  const merchant = merchantFacts(summaries, { gapDays: 30, oneOrderDays: policy.dormant.oneOrderDays })
  const asOfDay = dayNumber(asOf)
  const rfm = scoreRfm(summaries.map(s => ({ recencyDays: asOfDay - s.lastDay, occasions: s.x + 1, spendFen: s.yearFen })))
  const params = models.bgnbd?.params ?? null
  const partial = summaries.map((s, k) => {
    const c: Rft = { x: s.x, tx: s.tx, T: s.T }
    const pAlive = params ? modelPAlive(params, c) : null
    const expected = params ? expectedPurchases(params, c, policy.horizon) : null
    const spendFen = models.spend.params
      ? expectedSpend(models.spend.params, s.x, s.zbarFen === null ? null : s.zbarFen / 100) * 100
      : shrunkSpend(s.x, s.zbarFen, models.spend.meanFen || s.totalFen / (s.x + 1))
    const valueFen = params
      ? customerValue(params, c, spendFen, { periods: 4, periodLength: 91, discountPerPeriod: 0.03 })
      : spendFen * (365 / Math.max(1, (s.tx + 2 * merchant.medianGapDays) / (s.x + 2)))
    const group = assignGroup({ summary: s, rfm: rfm[k]!, pAlive, expected }, merchant, policy)
    const credit = creditGrade(s.credit)
    return { s, pAlive, expected, spendFen, valueFen, group, credit }
  })
  const tiers = assignTiers(partial.map(p => ({ yearFen: p.s.yearFen, profitFen: p.s.profitFen, credit: p.credit.grade, prospectFen: p.group.group === 'dormant' ? 0 : p.valueFen })), policy)
  const customers = partial.map((p, k): CustomerClass => ({
    customerId: p.s.customerId,
    group: p.group.group,
    tier: tiers[k]!.tier,
    credit: p.credit.grade,
    atRisk: p.group.atRisk,
    pAlive: p.pAlive,
    expectedPurchases: p.expected,
    expectedSpendFen: p.spendFen,
    valueFen: p.valueFen,
    rfm: rfm[k]!,
    cadenceDays: p.group.cadenceDays,
    growth: p.group.growth,
    summary: p.s,
    reasons: [...p.group.reasons, tiers[k]!.reason, `信用${p.credit.grade}：${p.credit.reason}`],
  }))
  return { asOf, models, merchant, customers }
}
