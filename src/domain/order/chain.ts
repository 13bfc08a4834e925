/**
 * 接龙 chains and numbered lists: a header (`#接龙 …`), maybe a menu and an example line (`例 …`), then
 * numbered entries `6. 名字 商品 …`, one order per entry. Each copy of a chain repeats the earlier entries,
 * so every entry carries a key (chain + number + name) that the ledger records once.
 */
import type { OrderDraft, ParseOptions } from './draft.js'
import { isPayOnly } from './lexicon.js'
import { normalizeText } from './normalize-text.js'
import { parseOrders } from './parse-orders.js'

export interface ChainEntry {
  no: number
  /** The entry without its number, emoji kept (`Kevin_Wang C🐔🐮`). */
  text: string
}

export interface Chain {
  /** The header line (`#接龙🥗轻食 5/8 …`), or null for a plain numbered list. */
  header: string | null
  /** Identifies this chain across its copies: header and first entry. Null for a plain list. */
  key: string | null
  /** The product the chain is about, when its entries write only how many (`2. 陈静 2箱`). */
  subject: string | null
  /** A check-in, attendance or registration chain: it orders nothing. */
  attendance: boolean
  entries: ChainEntry[]
}

const HEADER = /#\s*接龙|^接龙/
// A header or a numbered line somewhere: nothing else can be a chain.
const HINT = /接龙|^\d{1,3}(?:\s*[.、)]|[^\d\s.,:;)、-])/m
const ENTRY = /^(\d{1,3})\s*[.、)]\s*(?!\d)(\S.*)$/
// Under a 接龙 header an entry may open with digits: a room (`1.295-909 6份`).
const CHAIN_ENTRY = /^(\d{1,3})\s*[.、)]\s*(\S.*)$/
// Sign-ups that order nothing: check-ins, attendance, registration.
const ATTENDANCE = /打卡|签到|报名|出勤|值班|作业/
// What a group buy is of, written above the entries (`百香果团购`, `半个南瓜 等会送来 共20份`).
const SUBJECT = /^([^\s\d,，:：(（]{2,12}?)(?:团购|拼单|预定|预订|接龙|订购|开团)?(?:[\s,，:：(（]|$)/u
// `1张三 男 ✅`: a list numbered without a mark; only read as one when the numbers run 1, 2, 3 …
const GLUED_ENTRY = /^(\d{1,2})(?=[^\d\s.,:;)、-])(.+)$/
const EXAMPLE = /^(?:例|例如|格式|示例|举例)\s*[:：]?\s/
const GENDER_OR_MARK = /^(?:男|女|♂|♀|男生|女生|✅|☑️?|✔️?|\+1|\d人)$/u
// Time spans and routines: `7:20-8:45`, `7-10，补觉`, `7点半`: an attendance or check-in chain, not orders.
const ACTIVITY = /\d{1,2}\s*[:.]\s*\d{2}|\d{1,2}\s*-\s*\d{1,2}(?!\s*[份个盒瓶斤件包袋])|\d点|起床|洗漱|打卡|通勤|赖床|跑步|健身|读书|学习/

function readEntries(lines: readonly string[], glued: boolean, inChain = false): ChainEntry[] {
  const out: ChainEntry[] = []
  for (const line of lines) {
    if (EXAMPLE.test(line)) {
      // Entries above the example line are the organiser's menu (`1.凉拌牛肉`), not sign-ups.
      out.length = 0
      continue
    }
    const m = (inChain ? CHAIN_ENTRY : ENTRY).exec(line) ?? (glued ? GLUED_ENTRY.exec(line) : null)
    if (m) out.push({ no: Number(m[1]), text: (m[2] as string).trim() })
  }
  return out
}

function runsInOrder(entries: readonly ChainEntry[]): boolean {
  return entries.length >= 2 && entries.every((e, i) => i === 0 || e.no === (entries[i - 1] as ChainEntry).no + 1)
}

/** Finds a chain or numbered list in a normalised message (emoji kept); null when it is neither. */
export function readChain(text: string): Chain | null {
  if (!HINT.test(text)) return null
  const lines = text.split('\n').map((l) => l.trim())
  const headerAt = lines.findIndex((l) => HEADER.test(l))
  if (headerAt >= 0 && headerAt <= 1) {
    const body = lines.slice(headerAt + 1)
    const entries = readEntries(body, false, true)
    const header = lines[headerAt] as string
    const first = entries[0]
    const firstEntry = body.findIndex((l) => CHAIN_ENTRY.test(l) || EXAMPLE.test(l))
    const about = [header.replace(/^.*接龙/u, '').trim(), ...body.slice(0, firstEntry < 0 ? body.length : firstEntry)].filter((l) => l !== '')
    const subject = about.map((l) => SUBJECT.exec(l)?.[1] ?? null).find((s) => s !== null && !/\d/.test(s)) ?? null
    const attendance = ATTENDANCE.test([header, ...about].join(' '))
    return { header, key: first ? `${header}|${first.text}` : header, entries, subject, attendance }
  }
  const numbered = lines.filter((l) => l !== '')
  // `9. hans k🐮`: one entry copied out of a chain.
  const single = numbered.length === 1 ? readEntries(numbered, false)[0] : undefined
  const plain = { header: null, key: null, subject: null, attendance: false }
  if (single !== undefined && splitName(single.text).rest !== '') return { ...plain, entries: [single] }
  if (numbered.length < 2) return null
  const marked = readEntries(numbered, false)
  if (marked.length === numbered.length && runsInOrder(marked)) return { ...plain, entries: marked }
  const glued = readEntries(numbered, true)
  if (glued.length === numbered.length && runsInOrder(glued) && glued[0]?.no === 1) return { ...plain, entries: glued }
  return null
}

function splitName(text: string): { name: string, rest: string } {
  const at = text.search(/\s/)
  return at < 0 ? { name: text, rest: '' } : { name: text.slice(0, at), rest: text.slice(at + 1).trim() }
}

/** What is left of an entry once gender marks, ticks and payment words are set aside. */
function orderPart(rest: string): string {
  return rest.split(/[\s,()（）/]+/u).filter((w) => w !== '' && !GENDER_OR_MARK.test(w) && !isPayOnly(w)).join(' ')
}

/** One entry as an order, or null when it orders nothing (a name alone, a menu line, a check-in). */
function entryOrder(entry: ChainEntry, subject: string | null, options: ParseOptions): OrderDraft | null {
  // `陈静2箱`: the name glued to how many.
  const { name, rest } = splitName(entry.text.replace(/^([^\s\d]{1,12}?)(\d+\s*\S{0,2})$/u, '$1 $2'))
  const part = orderPart(rest)
  if (part === '' || ACTIVITY.test(rest)) {
    // `1.张三面膜2盒 398`: the whole entry may still read as an order on its own.
    const whole = rest === '' ? parseOrders(normalizeText(entry.text), options) : null
    return whole?.orders[0] ?? null
  }
  // `1箱`, `6份`: how many of what the chain is about.
  const counted = subject !== null && /^(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*\S{0,2}$/u.test(rest) ? `${subject}${rest}` : rest
  const parsed = parseOrders(normalizeText(counted), options, true)
  const draft = parsed?.orders[0]
  const customer = { name: normalizeText(name) || name, phone: draft?.customer.phone ?? null, address: draft?.customer.address ?? null }
  if (draft && draft.lines.some((l) => l.qty !== null || l.amountFen !== null)) {
    // `abc 火龙果4个`, `张三 面膜2盒 398`: quantities or prices were written; the first word is still the name.
    return { ...draft, customer, issues: draft.issues.filter((i) => i.code !== 'no_customer') }
  }
  // `Tony D 烤牛 不要酱+青椒洋葱`: a dish (menu letter and all) without a number is one of it.
  return {
    customer,
    lines: [{ name: rest, qty: 1, unit: null, unitPriceFen: null, amountFen: null, spec: null }],
    amountFen: draft?.amountFen ?? null,
    payment: draft?.payment ?? null,
    paidFen: draft?.paidFen ?? null,
    date: null,
    note: null,
    issues: draft?.issues.filter((i) => i.code !== 'no_customer' && i.code !== 'no_items') ?? [],
  }
}

/** The orders in a chain; empty when it is an attendance list, a check-in or a bare menu. */
export function chainOrders(chain: Chain, options: ParseOptions): OrderDraft[] {
  if (chain.attendance) return []
  // A chain where most entries are time spans and routines is a check-in, whatever a few entries say.
  const rests = chain.entries.map((e) => splitName(e.text).rest).filter((r) => r !== '')
  if (rests.length > 0 && rests.filter((r) => ACTIVITY.test(r)).length * 2 >= rests.length) return []
  return chain.entries.flatMap((e) => {
    const order = entryOrder(e, chain.subject, options)
    if (order === null) return []
    return [chain.key === null ? order : { ...order, key: `${chain.key}#${e.no} ${splitName(e.text).name}` }]
  })
}
