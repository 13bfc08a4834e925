/**
 * Service and shop-counter records, one customer a line, led by a person with a form of address:
 * `1.28吴老师头疗30`, `1.28许老师理疗198-20陈哥178` (198 is the customer's; 20 to 陈哥 leaves 178: a
 * commission, kept in the note), `理疗开卡1000许老师` (a prepaid card sold), `刘姐做了头疗158元和肩颈调理188元`.
 */
import { parseMoney } from '../money.js'
import type { LineDraft, OrderDraft } from './draft.js'
import { noAmount, noItems, totalMismatch } from './issues.js'
import { resolveMonthDay } from './parse-date.js'

const PERSON = /[\u4e00-\u9fff]{1,2}?(?:老师|女士|先生|小姐|阿姨|师傅|大姐|大哥|姐|哥|总|叔|姨|嫂)/u
const LEADING_DATE = /^(\d{1,2})[./月](\d{1,2})[日号]?\s*/u
const VERBS = /^(?:购买了|购买|买了|买|做了|做|办了|续了)/u
// 198-20陈哥178: amount, minus a cut to someone, leaves the net.
const COMMISSION = /(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*([^\d\s,，]{1,6}?)\s*(\d+(?:\.\d+)?)/u
const TOTAL = /(?:合计|总计|一共|共计|总共)\s*:?\s*(\d+(?:\.\d+)?)\s*(?:元|块)?/u
const PAIR = /([^\d\s,，、和+]{1,12}?)\s*(\d+(?:\.\d+)?)\s*(?:元|块)?/gu
// Signs of the other order forms: prices with ¥ or *, labels, phones, order and payment words.
const FOREIGN = /[¥$@*:]|1[3-9]\d{9}|下单|报单|已付|未付|付款|定金|订金|到付|欠/u
// A count with a unit (`两盒艾条`, `2瓶`) belongs to the general reader.
const COUNTED = /(?:\d|[一二两三四五六七八九十])\s*(?:盒|瓶|支|套|件|斤|箱|包|个|袋|罐|片|条|只|份|台|张)/u

interface ServiceLine {
  person: string | null
  date: string | null
  lines: LineDraft[]
  amountFen: number | null
  total: number | null
  notes: string[]
}

function fen(raw: string): number {
  return parseMoney(raw) ?? Math.round(Number(raw) * 100)
}

function item(name: string, amountFen: number | null): LineDraft {
  return { name, qty: 1, unit: null, unitPriceFen: null, amountFen, spec: null }
}

function readLine(raw: string, today: string): ServiceLine | null {
  let text = raw.trim()
  const out: ServiceLine = { person: null, date: null, lines: [], amountFen: null, total: null, notes: [] }
  const date = LEADING_DATE.exec(text)
  if (date) {
    out.date = resolveMonthDay(Number(date[1]), Number(date[2]), today)
    text = text.slice(date[0].length)
  }
  const total = TOTAL.exec(text)
  if (total) {
    out.total = fen(total[1] as string)
    text = text.replace(total[0], ' ')
  }
  // `，美团引流`, `，都是赵技师做的`: a clause without numbers is a remark.
  const [main = '', ...remarks] = text.split(/[,，;；]/u)
  for (const r of remarks) if (r.trim() !== '' && !/\d/.test(r)) out.notes.push(r.trim())
  text = [main, ...remarks.filter((r) => /\d/.test(r))].join(' ')
  const person = PERSON.exec(text)
  if (person) {
    out.person = person[0]
    text = `${text.slice(0, person.index)} ${text.slice(person.index + person[0].length)}`.trim()
  }
  text = text.replace(VERBS, '').trim()
  const cut = COMMISSION.exec(text)
  if (cut && Math.abs(fen(cut[1] as string) - fen(cut[2] as string) - fen(cut[4] as string)) < 1) {
    out.notes.push(`提成${cut[2] as string}${(cut[3] as string).trim()}，实收${cut[4] as string}`)
    text = text.replace(cut[0], ` ${cut[1] as string} `)
  }
  const card = /开卡/u.test(text)
  text = text.replace(/开卡/u, card ? '卡' : '')
  // 吴老师490: the amount right after the person, with no service named.
  const lead = /^(\d+(?:\.\d+)?)\s*(?:元|块)?/u.exec(text)
  if (lead) {
    out.amountFen = fen(lead[1] as string)
    text = text.slice(lead[0].length)
  }
  const pairs = [...text.matchAll(PAIR)]
  const rest = text.replace(PAIR, ' ').replace(/和|、|\+/gu, ' ').trim()
  for (const p of pairs) {
    const name = (p[1] as string).replace(VERBS, '').replace(/^和/u, '').trim()
    if (name === '' || name === '-') out.amountFen = (out.amountFen ?? 0) + fen(p[2] as string)
    else out.lines.push(item(name, fen(p[2] as string)))
  }
  // 许老师490理疗: the service written after its amount.
  for (const w of rest.split(/\s+/u)) if (w !== '' && w !== '-' && /\p{L}/u.test(w)) out.lines.push(item(w, null))
  return out
}

/**
 * Reads service records; null unless every line names a person with a form of address (or is a total
 * line) and writes an amount, with no counted goods (`两盒艾条` is for the general reader).
 */
export function parseServiceRecords(text: string, today: string): OrderDraft[] | null {
  const raw = text.split('\n').map((l) => l.trim()).filter((l) => l !== '')
  if (raw.length === 0 || raw.length > 50 || raw.some((l) => COUNTED.test(l) || FOREIGN.test(l) || l.length > 80)) return null
  const read = raw.map((l) => readLine(l, today))
  if (read.some((r) => r === null)) return null
  const lines = read as ServiceLine[]
  if (!lines.every((l) => l.person !== null || (l.total !== null && l.lines.length === 0))) return null
  if (!lines.some((l) => l.person !== null && (l.amountFen !== null || l.lines.some((x) => x.amountFen !== null)))) return null
  const people = lines.filter((l) => l.person !== null)
  const grand = lines.map((l) => l.total).find((t) => t !== null) ?? null
  const amounts = people.map((l) => l.amountFen ?? (l.lines.every((x) => x.amountFen !== null) && l.lines.length > 0
    ? l.lines.reduce((a, x) => a + (x.amountFen ?? 0), 0) : null))
  const sum = amounts.reduce<number>((a, b) => a + (b ?? 0), 0)
  // 吴老师490 / 许老师490理疗合计980: one service named once, for every line the total covers.
  const named = [...new Set(people.flatMap((l) => l.lines.map((x) => x.name)))]
  const shared = people.length > 1 && grand === sum && named.length === 1 ? named[0] as string : null
  const orders = people.map((l, k): OrderDraft => {
    const lineItems = l.lines.length > 0 ? l.lines : shared !== null ? [item(shared, null)] : []
    const own = amounts[k] ?? null
    const amountFen = own ?? (people.length === 1 ? grand : null)
    const issues = []
    if (lineItems.length === 0) issues.push(noItems())
    if (amountFen === null) issues.push(noAmount())
    // A line's amount and the items written with their own prices must agree.
    const itemized = lineItems.every((x) => x.amountFen !== null) ? lineItems.reduce((a, x) => a + (x.amountFen ?? 0), 0) : null
    if (l.amountFen !== null && itemized !== null && itemized > 0 && itemized !== l.amountFen) issues.push(totalMismatch(l.amountFen, itemized))
    return {
      customer: { name: l.person, phone: null, address: null },
      lines: lineItems.map((x) => (lineItems.length === 1 && x.amountFen === null && amountFen !== null ? { ...x, amountFen } : x)),
      amountFen,
      payment: null,
      paidFen: null,
      date: l.date,
      note: l.notes.length > 0 ? l.notes.join('；') : null,
      issues,
    }
  })
  return orders
}
