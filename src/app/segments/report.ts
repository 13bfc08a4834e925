/** How a classification is printed by `wxcrm fit` and `wxcrm classify`. */
import { FIT_METHOD_NAMES } from '../../domain/segment/fit-models.js'
import type { Classification } from '../../domain/segment/classify.js'
import { GROUP_NAMES, type Group } from '../../domain/segment/groups.js'

const round = (v: number, digits = 6): number => Number(v.toPrecision(digits))

export interface FitReport {
  asOf: string
  method: string
  customers: number
  repeaters: number
  bgnbd: {
    r: number
    alpha: number
    a: number
    b: number
    /** Log-likelihood with time in days, as the bot fits it. */
    logLik: number
    converged: boolean
    timeUnit: 'days'
    /** alpha and the log-likelihood with time in weeks, the unit of the published CDNOW figures. */
    alphaWeeks: number
    logLikWeeks: number
    /** Σx, the repeat purchases of all customers: what tells the two log-likelihoods apart. */
    repeatPurchases: number
  } | null
  spend: { method: string, p: number | null, q: number | null, gamma: number | null, logLik: number | null, unit: 'yuan' }
  note: string
  text: string
}

/**
 * The BG/NBD log-likelihood with time in weeks, from the one in days. Measuring time in weeks divides
 * t_x, T and alpha by 7, which multiplies each customer's likelihood by 7^x (through the terms
 * α^r / (α + T)^(r+x) and α^r / (α + t_x)^(r+x); Fader, Hardie & Lee 2005), so the two differ by Σx·ln 7.
 */
export function logLikInWeeks(logLikDays: number, sumX: number): number {
  return logLikDays + sumX * Math.log(7)
}

export function fitReport(c: Classification): FitReport {
  const m = c.models
  const bg = m.bgnbd
  const gg = m.spend.params
  const sumX = c.customers.reduce((s, x) => s + x.summary.x, 0)
  const bgnbd = bg
    ? {
        r: round(bg.params.r),
        alpha: round(bg.params.alpha),
        a: round(bg.params.a),
        b: round(bg.params.b),
        logLik: round(bg.logLik, 8),
        converged: bg.converged,
        timeUnit: 'days' as const,
        alphaWeeks: round(bg.params.alpha / 7),
        logLikWeeks: round(logLikInWeeks(bg.logLik, sumX), 8),
        repeatPurchases: sumX,
      }
    : null
  const spend = { method: m.spend.method, p: gg ? round(gg.p) : null, q: gg ? round(gg.q) : null, gamma: gg ? round(gg.gamma) : null, logLik: m.spend.logLik === null ? null : round(m.spend.logLik, 8), unit: 'yuan' as const }
  const lines = [
    `截止 ${c.asOf}：${m.customers} 位客户，${m.repeaters} 位回头客`,
    `方法：${m.method}（${FIT_METHOD_NAMES[m.method]}）— ${m.note}`,
    ...(bgnbd
      ? [
          `BG/NBD（时间单位：天）：r = ${bgnbd.r}，alpha = ${bgnbd.alpha} 天（${bgnbd.alphaWeeks} 周），a = ${bgnbd.a}，b = ${bgnbd.b}${bgnbd.converged ? '' : '（未完全收敛）'}`,
          `BG/NBD 对数似然（按天计）= ${bgnbd.logLik}；按周计 = ${bgnbd.logLikWeeks}（文献如 Fader、Hardie、Lee 2005 按周计；两者相差 Σx·ln7，Σx = ${bgnbd.repeatPurchases} 次复购）`,
        ]
      : ['BG/NBD：未拟合（按规则判断）']),
    gg
      ? `Gamma-Gamma（金额单位：元）：p = ${spend.p}，q = ${spend.q}，gamma = ${spend.gamma}，对数似然 = ${spend.logLik}`
      : `客单价：按收缩平均估计（本店回头客平均每次 ${(m.spend.meanFen / 100).toFixed(2)} 元）`,
  ]
  return { asOf: c.asOf, method: m.method, customers: m.customers, repeaters: m.repeaters, bgnbd, spend, note: m.note, text: lines.join('\n') }
}

/** One JSON object per customer, in the documented shape (plus a few extra keys). */
export function classificationJsonLines(c: Classification, externalIds: ReadonlyMap<string, string | null>): string[] {
  return c.customers.map(x => JSON.stringify({
    customer: x.customerId,
    externalId: externalIds.get(x.customerId) ?? null,
    group: x.group,
    tier: x.tier,
    credit: x.credit,
    pAlive: x.pAlive === null ? null : round(x.pAlive),
    expectedPurchases90d: x.expectedPurchases === null ? null : round(x.expectedPurchases),
    x: x.summary.x,
    tx: x.summary.tx,
    T: x.summary.T,
    atRisk: x.atRisk,
    rfm: x.rfm,
    reasons: x.reasons,
  }))
}

const GROUPS: Group[] = ['loyal', 'fast_growing', 'nurture', 'dormant']
const TIERS = ['A', 'B', 'C', 'D'] as const

/** Counts per group and tier: a title line and the table's rows (the CLI lines them up by display width). */
export function classificationTable(c: Classification): { title: string, rows: string[][] } {
  const count = (g: Group, t?: string): number => c.customers.filter(x => x.group === g && (t === undefined || x.tier === t)).length
  const header = ['分组', ...TIERS, '合计']
  const rows = GROUPS.map(g => [GROUP_NAMES[g], ...TIERS.map(t => String(count(g, t))), String(count(g))])
  const totals = ['合计', ...TIERS.map(t => String(c.customers.filter(x => x.tier === t).length)), String(c.customers.length)]
  return { title: `截止 ${c.asOf}，方法 ${c.models.method}（${FIT_METHOD_NAMES[c.models.method]}）`, rows: [header, ...rows, totals] }
}
