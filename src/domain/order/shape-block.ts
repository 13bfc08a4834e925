/**
 * Store and wholesale orders: one buyer, one item per line or several per line, the buyer's name on the
 * first or the last line (or glued to the end of the item line), section headings (`无米粿` above its
 * flavours, `无米粿：韭菜30、萝卜干8`, `无米粿（韭菜30，竹笋8）`), `各2斤` on a line of its own, and
 * numbers that are counts because no price is written anywhere (`韭菜30 萝卜干8`).
 */
import { extractAddress, isAddressLike } from './address.js'
import { isNameLike, MEASURES, MOBILE, ORDER_PREFIXES, UNITS } from './lexicon.js'
import { dropAlternatives, inlineSections, isAlternative, joinEachLines, leftEmpty, productWords, spreadEach, type BlockLine } from './block-lines.js'
import { splitLabelled } from './parse-fields.js'
import { spacePhones } from './tokenize.js'

export interface Block {
  customer: string | null
  /** Lines that carry only the buyer's phone or address (`13068214937`, `黑龙江省…`). */
  contact: string[]
  lines: BlockLine[]
  /** Bare numbers after product names are counts: no price is written anywhere in the message. */
  counts: boolean
}

export interface BlockVocabulary {
  products: readonly string[]
  customers: ReadonlySet<string>
}

const MAX_BLOCK = 4000
const SEPARATOR_LINE = /^[-=_*~.·—]{3,}$/
// Shops and places that buy: `昌岗店`, `惠雅超市`, `珠江新城`.
const STORE = /(?:店|超市|商行|商店|餐厅|饭店|酒店|酒楼|食堂|公司|门市|门店|便利店|市场|档口|摊|厂|馆|坊|铺|部|新城|广场|小区|花园|大厦|中心)$/
const SECTION_WORD = /(?:系列|系|类)$/
const DIGIT = /\d/
const PHONE_G = new RegExp(MOBILE.source, 'g')
// A price anywhere means bare numbers may be money: ¥, 元, 块, 合计/共/总 + number, 单价, @.
const MARKED_MONEY = /¥|\$|@|\d\s*(?:元|块|rmb)|(?:合计|共计|总计|一共|总共|总价|总额|单价|实付|金额|共|总)\s*:?\s*\d/i
// A name followed by a bare number: `韭菜30`, `韭菜味 12`.
const NAME_NUMBER = new RegExp(`([\\u4e00-\\u9fffA-Za-z)）])\\s*(\\d+(?:\\.\\d+)?)(?![\\d.])(?!\\s*(?:${[...UNITS, ...MEASURES, '标'].join('|')}))`, 'gi')
const PAID = /已付|未付|定金|订金|到付|付了|已转|欠/
const SINGLE_LIST = /^(?:\d|[\u4e00-\u9fffA-Za-z]{1,12}的?\s*(?:\d|\*)|[^\d]*[,、][^\d]*各|[^\s\d(:]{1,10}[(:])/u

function words(line: string): string[] {
  return line.split(/[\s,;、。]+/u).filter((w) => w !== '')
}

/** The line without its phone and address; what is left may be a name. */
function withoutContact(line: string): { rest: string, phone: boolean, address: boolean } {
  const spaced = spacePhones(line)
  const phone = MOBILE.test(spaced)
  const { rest, address } = extractAddress(spaced.replace(MOBILE, ' '))
  return { rest: rest.trim(), phone, address: address !== null || (rest.trim() === '' && isAddressLike(line)) }
}

/** `a d周` → `d周`: a lone Latin letter is a marker or a menu letter, never the name. */
function nameWords(text: string): string[] {
  return words(text).filter((w) => !/^[A-Za-z]$/.test(w))
}

function personLike(word: string, vocab: BlockVocabulary): boolean {
  if (word === '') return false
  if (vocab.customers.has(word)) return true
  const person = isNameLike(word) || STORE.test(word) || /(?:先生|先森|女士|小姐)$/.test(word)
  return person && !vocab.products.includes(word)
}

interface LineInfo {
  raw: string
  empty: boolean
  /** The line carries a phone or an address. */
  contact: boolean
  /** Only a phone and/or address. */
  contactOnly: boolean
  /** No digits and one word once phone and address are out: a name or a heading. */
  word: string | null
  hasNumber: boolean
}

function describe(raw: string): LineInfo {
  const line = SEPARATOR_LINE.test(raw) ? '' : raw
  if (line === '') return { raw: '', empty: true, contact: false, contactOnly: false, word: null, hasNumber: false }
  const { rest, phone, address } = withoutContact(line)
  const ws = nameWords(rest.replace(/[:：]$/, ''))
  const contact = phone || address
  const word = ws.length === 1 && !DIGIT.test(rest) ? (ws[0] as string) : null
  return { raw: line, empty: false, contact, contactOnly: contact && ws.length === 0, word, hasNumber: DIGIT.test(rest) }
}

function singleList(line: string, vocab: BlockVocabulary): boolean {
  if (!SINGLE_LIST.test(line)) return false
  const plain = spacePhones(line).replace(PHONE_G, ' ').trim()
  const first = /^[^\s\d,、(:*]+/u.exec(plain)?.[0] ?? ''
  return plain === line.trim() && !personLike(first, vocab)
}

/**
 * Reads a message as one buyer's list of items; null when it is not one (a one-line order led by the
 * customer, several customers, a labelled template: the general reader handles those).
 */
export function shapeBlock(text: string, vocab: BlockVocabulary): Block | null {
  // A buyer's list fits in a chat message; a pasted book is left to the general reader.
  if (text.length > MAX_BLOCK) return null
  // One line is a list only when it opens with an item (`韭菜20 …`, `5斤韭菜 …`, `红桃果 20个`, `韭菜，香芋…各1斤`).
  // Priced, it is a list only over several lines (the general reader takes a priced line).
  if (!text.includes('\n') && (MARKED_MONEY.test(text) || PAID.test(text) || !singleList(text, vocab))) return null
  // Priced, and opening with its buyer (a person, or a word alone on the first line): the general reader's form (`张三 138…` / `面膜2盒 199` / `合计398`).
  const opener = /^[^\s\d,、:]+/u.exec(nameWords(text.split('\n', 1)[0] ?? '').join(' '))?.[0] ?? ''
  const headed = personLike(opener, vocab) || text.startsWith(`${opener}\n`)
  if ((MARKED_MONEY.test(text) || PAID.test(text)) && headed) return null
  const lines = joinEachLines(text.split('\n').map((l) => l.trim()))
  // Labelled templates (`客户：… 电话：…`) and `下单：…` reports have their own reader.
  if (lines.some((l) => splitLabelled(l).pairs.length > 0) || ORDER_PREFIXES.some((p) => lines[0]?.replace(/^[#【[]/, '').startsWith(p))) return null
  const infos = lines.map(describe)
  const unordered = leftEmpty(lines)
  const filled = infos.filter((i) => !i.empty)
  if (filled.length === 0 || !filled.some((i) => i.hasNumber || i.word === null)) return null

  // The message's own product words (`芋头` in `芋头4标`) count as known products; read only when asked.
  let own: string[] | null = null
  const products = (): readonly string[] => (own ??= [...vocab.products, ...productWords(lines)])
  const vocabulary: BlockVocabulary = {
    get products() { return products() },
    customers: vocab.customers,
  }
  let customer: string | null = null
  let customerAt = -1
  const contact: string[] = []
  const isContact = (k: number): boolean => infos[k]?.contactOnly === true
  // The buyer: a word line next to a phone or address line, else a person or shop on the first or last line.
  const wordLines = infos.map((info, k) => ({ info, k })).filter((x) => x.info.word !== null)
  const byContact = wordLines.find((x) => x.info.contact || isContact(x.k - 1) || isContact(x.k + 1))
  const firstK = infos.findIndex((i) => !i.empty)
  const lastK = infos.length - 1 - [...infos].reverse().findIndex((i) => !i.empty)
  const edge = wordLines.find((x) => (x.k === firstK || x.k === lastK) && personLike(x.info.word as string, vocabulary))
  const chosen = byContact ?? edge
  if (chosen) {
    customer = chosen.info.word
    customerAt = chosen.k
  }

  const out: BlockLine[] = []
  let section: string | null = null
  let trailing: string | null = null
  for (let k = 0; k < infos.length; k++) {
    const info = infos[k] as LineInfo
    if (info.empty) {
      section = null
      continue
    }
    if (k === customerAt) {
      if (info.contact) contact.push(info.raw)
      continue
    }
    if (info.contactOnly) {
      contact.push(info.raw)
      continue
    }
    const next = infos.slice(k + 1).find((i) => !i.empty)
    if (info.word !== null && next !== undefined && !next.contactOnly && !personLike(info.word, vocabulary) && (next.hasNumber || next.word === null || SECTION_WORD.test(info.word))) {
      // A word alone above item lines is their heading (`无米果`, `水晶粉粿`, `无米粿系列`).
      section = info.word.replace(/[:：]$/, '').replace(SECTION_WORD, '') || info.word
      continue
    }
    if (unordered.has(k)) continue
    let line = info.raw.includes('各') ? spreadEach(info.raw, vocabulary.products) : info.raw
    // 韭菜18。菜谱8。菜头丸6 张丽娟: the buyer written after the items.
    const tail = /^(.*\d\S*)\s+([^\s\d]{2,8})$/u.exec(line)
    if (customer === null && tail && personLike(tail[2] as string, vocabulary)) {
      trailing = tail[2] as string
      line = tail[1] as string
    }
    for (const part of inlineSections(line, (w) => personLike(w, vocabulary))) out.push({ text: part.text, section: part.section ?? section })
  }
  customer ??= trailing
  // Lines led by a person each start an order of their own: not one buyer's list.
  // (`张三 面膜2盒 398`, or `李四` alone above its items); `高维 绿豆` names products only.
  const led = out.filter((l) => {
    const ws = nameWords(l.text)
    return l.section === null && personLike(ws[0]?.replace(/\d.*$/, '') ?? '', vocabulary) && (DIGIT.test(l.text) || ws.length === 1)
  })
  if (led.length > 0) return null
  const itemLines = out.filter((l) => l.text !== '' && !isAlternative(l.text))
  if (itemLines.length === 0) return null
  const counts = !MARKED_MONEY.test(text) && countsOnly(itemLines)
  const kept = text.includes('备选') ? out.map((l) => ({ ...l, text: dropAlternatives(l.text) })) : out
  return { customer, contact, lines: kept, counts }
}

/** Every number written after a name is a small whole number: counts, not prices. */
function countsOnly(lines: readonly BlockLine[]): boolean {
  const bare: number[] = []
  for (const l of lines) for (const m of spacePhones(l.text).replace(PHONE_G, ' ').matchAll(NAME_NUMBER)) bare.push(Number(m[2]))
  return bare.every((n) => Number.isInteger(n) && n < 100)
}
