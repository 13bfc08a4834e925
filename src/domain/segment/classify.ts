/** Classifies every customer as of a date: summaries → models → group, tier, credit grade, reasons. */
import { createBgnbdBatch, type BatchPrediction } from '../classify/bgnbd-batch.js'
import type { CustomerValueOptions } from '../classify/clv.js'
import { expectedSpend, shrunkSpend } from '../classify/gamma-gamma.js'
import { dayNumber } from '../calendar.js'
import type { Order, Payment } from '../types.js'
import { NO_CREDIT } from './credit.js'
import { fitModels, type ModelChoice } from './fit-models.js'
import { decideGroup, newGroupDecision, type Group } from './groups.js'
import { merchantFacts, type MerchantFacts } from './merchant.js'
import type { ClassifyPolicy } from './policy.js'
import { averageRanks, scoreRfmColumns, type RfmScore } from './rfm.js'
import { summarizeCustomer, type CustomerSummary } from './summary.js'
import { creditGrade, rankTiers, tierReason, type CreditGrade, type Tier } from './tiers.js'

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
  /**
   * Profit of the last 12 months: exact where costs are known, and the revenue of unknown cost times
   * the merchant's margin on what has a known cost (the revenue itself when no cost is known at all).
   */
  profitFen: number
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
  /** Profit over revenue of the last 12 months where the cost is known; null when no cost is known. */
  margin: number | null
  /** Revenue of the last 12 months whose cost is unknown, all customers together. */
  uncostedFen: number
  customers: CustomerClass[]
}

export interface CustomerHistory {
  id: string
  orders: readonly Order[]
  payments: readonly Payment[]
}

const VALUE: CustomerValueOptions = { periods: 4, periodLength: 91, discountPerPeriod: 0.03 }

/** Every customer without credit history shares one grade, so its reason line is built once. */
const NO_CREDIT_GRADE = creditGrade(NO_CREDIT)
const NO_CREDIT_LINE = `信用${NO_CREDIT_GRADE.grade}：${NO_CREDIT_GRADE.reason}`

/** Runs the whole classification; customers with no purchase by `asOf` are left out. */
export function classifyCustomers(histories: Iterable<CustomerHistory>, asOf: string, policy: ClassifyPolicy): Classification {
  // Runs over every customer on every classification: per customer it allocates only what it returns.
  const summaryOptions = { window: policy.window, creditDays: policy.creditDays }
  const summaries: CustomerSummary[] = []
  for (const h of histories) {
    const s = summarizeCustomer(h.id, h.orders, h.payments, asOf, summaryOptions)
    if (s) summaries.push(s)
  }
  const n = summaries.length
  const models = fitModels(summaries)
  const merchant = merchantFacts(summaries, { gapDays: 30, oneOrderDays: policy.dormant.oneOrderDays })
  const asOfDay = dayNumber(asOf)

  const recency = new Float64Array(n)
  const occasions = new Float64Array(n)
  const yearFen = new Float64Array(n)
  const profitFen = new Float64Array(n)
  let knownProfit = 0
  let costed = 0
  let uncostedFen = 0
  for (let k = 0; k < n; k++) {
    const s = summaries[k]!
    recency[k] = asOfDay - s.lastDay
    occasions[k] = s.x + 1
    yearFen[k] = s.yearFen
    knownProfit += s.profitFen
    costed += s.costedFen
    uncostedFen += s.uncostedFen
  }
  const margin = costed > 0 ? knownProfit / costed : null
  for (let k = 0; k < n; k++) profitFen[k] = summaries[k]!.profitFen + summaries[k]!.uncostedFen * (margin ?? 1)
  // Spend is ranked once for both the RFM M score and the tiers.
  const spendRanks = averageRanks(yearFen)
  const rfm = scoreRfmColumns(recency, occasions, yearFen, spendRanks)

  const params = models.bgnbd?.params ?? null
  const batch = params ? createBgnbdBatch(params, policy.horizon, VALUE) : null
  const valueMargin = VALUE.margin ?? 1
  const spendParams = models.spend.params
  const prediction: BatchPrediction = { pAlive: 0, expected: 0, discountedPurchases: 0 }
  const decision = newGroupDecision()
  const prospectFen = new Float64Array(n)
  const credit = new Array<CreditGrade>(n)
  const customers = new Array<CustomerClass>(n)
  for (let k = 0; k < n; k++) {
    const s = summaries[k]!
    let pAlive: number | null = null
    let expected: number | null = null
    if (batch) {
      batch.predict(s.x, s.tx, s.T, prediction)
      pAlive = prediction.pAlive
      expected = prediction.expected
    }
    const spendFen = spendParams
      ? expectedSpend(spendParams, s.x, s.zbarFen === null ? null : s.zbarFen / 100) * 100
      : shrunkSpend(s.x, s.zbarFen, models.spend.meanFen || s.totalFen / (s.x + 1))
    const valueFen = batch
      ? valueMargin * spendFen * prediction.discountedPurchases
      : spendFen * (365 / Math.max(1, (s.tx + 2 * merchant.medianGapDays) / (s.x + 2)))
    const rfmScore = rfm[k]!
    const d = decideGroup(s, rfmScore.f, pAlive, expected, merchant, policy, decision)
    const grade = s.credit === NO_CREDIT ? NO_CREDIT_GRADE : creditGrade(s.credit)
    const creditLine = grade === NO_CREDIT_GRADE ? NO_CREDIT_LINE : `信用${grade.grade}：${grade.reason}`
    credit[k] = grade.grade
    prospectFen[k] = d.group === 'dormant' ? 0 : valueFen
    customers[k] = {
      customerId: s.customerId,
      group: d.group,
      // The tier and its reason (the second-last line) are filled in once every customer is ranked.
      tier: 'D',
      credit: grade.grade,
      atRisk: d.atRisk,
      pAlive,
      expectedPurchases: expected,
      expectedSpendFen: spendFen,
      valueFen,
      profitFen: profitFen[k]!,
      rfm: rfmScore,
      cadenceDays: d.cadenceDays,
      growth: d.growth,
      summary: s,
      reasons: d.extraReason === null ? [d.reason, '', creditLine] : [d.reason, d.extraReason, '', creditLine],
    }
  }

  const { tiers, positions } = rankTiers({ yearFen, profitFen: margin === null ? null : profitFen, credit, prospectFen, spendRanks }, policy)
  for (let k = 0; k < n; k++) {
    const c = customers[k]!
    c.tier = tiers[k]!
    c.reasons[c.reasons.length - 2] = tierReason(yearFen[k]!, positions === null ? null : positions[k]!, n)
  }
  return { asOf, models, merchant, margin, uncostedFen, customers }
}
