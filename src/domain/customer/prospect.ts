/**
 * Prospects (潜在客户): people the merchant deals with who have not ordered yet, graded A/B/C by what
 * they asked, after the inquiry rule of customer-grading practice for 微商: a concrete need — a product
 * with a quantity or spec and payment or delivery terms — is A; a question about a specific product is
 * B; asking only the price, or nothing, is C. A referral from a good customer lifts one grade; a
 * prospect nobody heard from or followed up for `decayDays` drops one. The rule is a table (config
 * `prospects.grades`): the first row whose signals all appear in what the prospect said decides.
 * Pure: texts and dates in, grade and reasons out.
 */
import { dayNumber } from '../calendar.js'

export const PROSPECT_SOURCES = ['朋友圈', '群', '转介绍', '扫码', '展会', '搜索', '其他'] as const
export type ProspectSource = typeof PROSPECT_SOURCES[number]

export type LeadGrade = 'A' | 'B' | 'C'
const GRADES: readonly LeadGrade[] = ['A', 'B', 'C']

/** What an inquiry can show. */
export type Signal = 'product' | 'quantity' | 'terms' | 'price'

export const SIGNAL_NAMES: Record<Signal, string> = {
  product: '问到具体商品',
  quantity: '说了数量或规格',
  terms: '问了付款或发货',
  price: '问了价格',
}

export interface ProspectNote { at: string, text: string }
export interface FollowUp { at: string, by: string, note: string }

/** What a customer record carries while (and after) they are a prospect. */
export interface ProspectInfo {
  source: ProspectSource
  /** First contact (ISO instant). */
  firstContactAt: string
  /** What they said or asked, oldest first. */
  inquiries: ProspectNote[]
  /** Follow-ups noted by agents (`跟进`), oldest first. */
  followUps: FollowUp[]
  /** Local day of the first order that stood, once they ordered. */
  convertedOn?: string
}

/** One row of the grade table: the grade, and the signals that must all appear. */
export interface GradeRule { grade: LeadGrade, needs: Signal[] }

export interface GradeRules {
  /** Tried in order; the last row should need nothing (everyone gets a grade). */
  table: GradeRule[]
  /** Days without a word from the prospect or a follow-up after which the grade drops one. */
  decayDays: number
  /** Whether a referral from a good customer (tier A or B, or 忠诚型) lifts the grade one. */
  referralLift: boolean
}

export const DEFAULT_GRADE_TABLE: GradeRule[] = [
  { grade: 'A', needs: ['product', 'quantity', 'terms'] },
  { grade: 'B', needs: ['product'] },
  { grade: 'C', needs: [] },
]

/** Numbers with a unit, or a spec word: 两盒, 3瓶, 100ml, 大瓶装, 规格. */
const QUANTITY = /([0-9０-９]+|[一二两三四五六七八九十几半]+)\s*(盒|瓶|支|套|件|个|箱|袋|包|片|罐|份|组|条|对|斤|公斤|千克|克|g|kg|ml|毫升|L|升)|规格|型号|尺码|容量|大瓶|小瓶|装的|色号|口味/i
const TERMS = /付款|转账|微信支付|支付宝|货到付款|到付|定金|订金|发货|快递|顺丰|中通|圆通|韵达|包邮|邮费|运费|地址|寄到|寄给|几天到|多久到|什么时候到|下单/
const PRICE = /多少钱|多钱|价格|价位|价钱|怎么卖|咋卖|优惠|便宜|打折|折扣|报价|批发价|代理价/

/** The signals in one text; `products` are the catalogue's names and aliases. */
export function signalsOf(text: string, products: readonly string[]): Set<Signal> {
  const out = new Set<Signal>()
  if (products.some(p => p.length >= 2 && text.includes(p))) out.add('product')
  if (QUANTITY.test(text)) out.add('quantity')
  if (TERMS.test(text)) out.add('terms')
  if (PRICE.test(text)) out.add('price')
  return out
}

export interface GradeInput {
  info: ProspectInfo
  /** The catalogue's product names and aliases. */
  products: readonly string[]
  /** The referrer is a good customer (tier A or B, or 忠诚型). */
  referredByGood: boolean
  today: string
  dayOf: DayOf
}

/** Turns a stored instant into the merchant's local day (`YYYY-MM-DD`). */
export type DayOf = (instant: string) => string

/** The last day anyone heard from the prospect or followed them up. */
export function lastTouchDay(info: ProspectInfo, dayOf: DayOf): string {
  const times = [info.firstContactAt, ...info.inquiries.map(i => i.at), ...info.followUps.map(f => f.at)]
  return dayOf(times.reduce((a, b) => (b > a ? b : a)))
}

const lift = (g: LeadGrade, by: number): LeadGrade => GRADES[Math.min(GRADES.length - 1, Math.max(0, GRADES.indexOf(g) - by))]!

/** The grade and the reasons for it, in words. */
export function gradeProspect(input: GradeInput, rules: GradeRules): { grade: LeadGrade, reasons: string[], signals: Signal[] } {
  const seen = new Set<Signal>()
  for (const i of input.info.inquiries) for (const s of signalsOf(i.text, input.products)) seen.add(s)
  const row = rules.table.find(r => r.needs.every(n => seen.has(n))) ?? { grade: 'C' as const, needs: [] }
  const signals = [...seen]
  let grade = row.grade
  const reasons: string[] = []
  if (input.info.inquiries.length === 0) reasons.push('还没问过什么')
  else if (signals.length === 0) reasons.push('还没问到商品、数量或付款发货')
  else reasons.push(signals.map(s => SIGNAL_NAMES[s]).join('、'))
  if (rules.referralLift && input.referredByGood && grade !== 'A') {
    grade = lift(grade, 1)
    reasons.push('好客户介绍来的，升一级')
  }
  const silent = dayNumber(input.today) - dayNumber(lastTouchDay(input.info, input.dayOf))
  if (silent >= rules.decayDays && grade !== 'C') {
    grade = lift(grade, -1)
    reasons.push(`${silent}天没有联系或跟进，降一级`)
  }
  return { grade, reasons, signals }
}
