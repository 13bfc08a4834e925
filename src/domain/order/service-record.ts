/**
 * Service and shop-counter records, one customer a line, led by a person with a form of address:
 * `1.28吴老师头疗30`, `1.28许老师理疗198-20陈哥178` (198 is the customer's; 20 to 陈哥 leaves 178: a
 * commission, kept in the note), `理疗开卡1000许老师` (a prepaid card sold), `刘姐做了头疗158元和肩颈调理188元`.
 */
import { parseMoney } from '../money.js'
import type { LineDraft, OrderDraft } from './draft.js'
import { finishOrder } from './finish-order.js'
import { addLine, newAcc } from './order-acc.js'
import { resolveMonthDay } from './parse-date.js'

// Amounts in these records are plain: at most 7 digits and 2 decimals; anything else is for the general reader.
const N = String.raw`\d{1,7}(?:\.\d{1,2})?(?![\d.])`
const PERSON = /[\u4e00-\u9fff]{1,2}?(?:老师|女士|先生|小姐|阿姨|师傅|大姐|大哥|姐|哥|总|叔|姨|嫂)/u
const LEADING_DATE = /^(\d{1,2})[./月](\d{1,2})[日号]?\s*/u
const VERBS = /^(?:购买了|购买|买了|买|做了|做|办了|续了)/u
// 198-20陈哥178: amount, minus a cut to someone, leaves the net.
const COMMISSION = new RegExp(String.raw`(${N})\s*-\s*(${N})\s*([^\d\s,，]{1,6}?)\s*(${N})`, 'u')
const TOTAL = new RegExp(String.raw`(?:合计|总计|一共|共计|总共)\s*(${N})\s*(?:元|块)?`, 'u')
const LEAD_AMOUNT = new RegExp(String.raw`^(${N})\s*(?:元|块)?`, 'u')
const PAIR = new RegExp(String.raw`([\u4e00-\u9fffA-Za-z]{1,12}?)\s*(${N})\s*(?:元|块)?`, 'gu')
// Signs of the other order forms: prices with ¥ or *, labels, phones, order and payment words, 万/千.
const FOREIGN = /[¥$@*:]|\d{8}|\d\s*(?:万|千|w|k)|下单|报单|已付|未付|付款|定金|订金|到付|欠/iu
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
  return parseMoney(raw) ?? 0
}

function item(name: string, amountFen: number | null): LineDraft {
  return { name, qty: 1, unit: null, unitPriceFen: null, amountFen, spec: null }
}

/** One record line; null when something is left that this reader does not understand. */
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
  if (cut && fen(cut[1] as string) - fen(cut[2] as string) === fen(cut[4] as string)) {
    out.notes.push(`提成${cut[2] as string}${(cut[3] as string).trim()}，实收${cut[4] as string}`)
    text = text.replace(cut[0], ` ${cut[1] as string} `)
  }
  text = text.replace(/开卡/u, '卡')
  // 吴老师490: the amount right after the person, with no service named.
  const lead = LEAD_AMOUNT.exec(text.trim())
  if (lead) {
    out.amountFen = fen(lead[1] as string)
    text = text.trim().slice(lead[0].length)
  }
  for (const p of text.matchAll(PAIR)) {
    const name = (p[1] as string).replace(VERBS, '').replace(/^和/u, '')
    if (name !== '') out.lines.push(item(name, fen(p[2] as string)))
  }
  const rest = text.replace(PAIR, ' ').replace(/和|、|\+/gu, ' ').trim()
  if (/[\d\-.]/.test(rest)) return null
  // 许老师490理疗: the service written after its amount.
  for (const w of rest.split(/\s+/u)) if (/\p{L}/u.test(w)) out.lines.push(item(w, null))
  return out
}

/** The record as an order, checked like every other order (bounds, totals) by finishOrder. */
function toDraft(l: ServiceLine, lines: LineDraft[], total: number | null): OrderDraft {
  const acc = newAcc()
  acc.name = l.person
  acc.namedHere = true
  for (const x of lines) addLine(acc, { ...x })
  if (l.amountFen !== null) acc.monies.push({ fen: l.amountFen, marked: true, monthDay: null, leading: false, total: false })
  if (total !== null) acc.monies.push({ fen: total, marked: true, monthDay: null, leading: false, total: true })
  if (l.date !== null) acc.dates.push(l.date)
  const draft = finishOrder(acc)
  return { ...draft, note: l.notes.length > 0 ? l.notes.join('；') : null }
}

/**
 * Reads service records; null unless every line names a person with a form of address (or is a total
 * line) and writes an amount, with no counted goods (`两盒艾条` is for the general reader).
 */
export function parseServiceRecords(text: string, today: string): OrderDraft[] | null {
  if (!PERSON.test(text)) return null
  const raw = text.split('\n').map((l) => l.trim()).filter((l) => l !== '')
  if (raw.length === 0 || raw.length > 50 || raw.some((l) => COUNTED.test(l) || FOREIGN.test(l) || l.length > 80)) return null
  const read = raw.map((l) => readLine(l, today))
  if (read.some((r) => r === null)) return null
  const lines = read as ServiceLine[]
  if (!lines.every((l) => l.person !== null || (l.total !== null && l.lines.length === 0))) return null
  const people = lines.filter((l) => l.person !== null)
  if (!people.some((l) => l.amountFen !== null || l.lines.some((x) => x.amountFen !== null))) return null
  const grand = lines.map((l) => l.total).find((t) => t !== null) ?? null
  const own = (l: ServiceLine): number => l.amountFen ?? l.lines.reduce((a, x) => a + (x.amountFen ?? 0), 0)
  // 吴老师490 / 许老师490理疗合计980: one service named once, for every line the total covers.
  const named = [...new Set(people.flatMap((l) => l.lines.map((x) => x.name)))]
  const covered = people.length > 1 && grand === people.reduce((a, l) => a + own(l), 0)
  const shared = covered && named.length === 1 ? item(named[0] as string, null) : null
  return people.map((l) => toDraft(l, l.lines.length > 0 || shared === null ? l.lines : [shared], people.length === 1 ? grand : null))
}
