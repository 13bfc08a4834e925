/**
 * One buyer's list read as one order: the lines shape-block.ts found (buyer, contact lines, headings,
 * counts) are read one by one and finished like any other order.
 */
import type { ParseOptions } from './draft.js'
import { finishOrder } from './finish-order.js'
import { addLine, mergeContinuation, mergeCustomerSegment, nameOnlyLine, newAcc } from './order-acc.js'
import { isQuestion } from './lexicon.js'
import { fieldContext, type FieldContext, readSegment } from './parse-fields.js'
import type { OrderParse } from './draft.js'
import { type Block, shapeBlock } from './shape-block.js'

const DAY = /\d{1,4}\s*[-./年月]\s*\d{1,2}\s*[日号]?/gu
const COUNT = /\d+(?:\.\d+)?|各/gu

/** How many counts a list writes, dates left out (`6月8日` is no count). */
function countedItems(block: Block): number {
  return block.lines.reduce((n, l) => n + (l.text.replace(DAY, ' ').match(COUNT) ?? []).length, 0)
}

/** The general reader already handles a list that opens with its buyer and writes its prices. */
function usesBlock(block: Block, text: string): boolean {
  if (isQuestion(text)) return false
  // One line: a list of several counted items (`韭菜20 紫菜卷15`); `面膜2盒` alone says too little.
  if (!text.includes('\n')) return block.counts && block.lines.length > 0 && countedItems(block) >= 2
  if (block.counts || block.lines.some((l) => l.section !== null)) return true
  // The buyer elsewhere than at the head of the first line (`a d周`, or the last line).
  return block.customer !== null && !text.startsWith(block.customer)
}

/** One buyer's list (shape-block.ts) as one order. */
function parseBlock(block: Block, options: ParseOptions): OrderParse | null {
  const { today, products, customers } = fieldContext(options)
  const ctx: FieldContext = { today, products, customers, counts: block.counts }
  const acc = newAcc()
  const head = [block.customer ?? '', ...block.contact].join(' ').trim()
  if (head !== '') {
    const { facts, address } = readSegment(head, { ...ctx, counts: false })
    if (block.customer !== null) facts.lead = block.customer
    facts.items = []
    facts.texts = []
    mergeCustomerSegment(acc, facts)
    acc.address = address
  }
  for (const line of block.lines) {
    const { facts, address } = readSegment(line.text, ctx)
    const named = (name: string): string => (line.section === null ? name : `${line.section}-${name}`)
    const loose = facts.lead !== null ? [facts.lead, ...facts.texts] : facts.texts
    if (facts.items.length === 0 && facts.monies.length === 0) {
      // 雪茄鸭嘴兽 铁观音 绿豆: dishes named without a number are one of each.
      for (const name of loose) addLine(acc, { ...nameOnlyLine(named(name)), qty: 1 })
      facts.lead = null
      facts.texts = []
    }
    facts.items = facts.items.map((l) => ({ ...l, name: named(l.name) }))
    mergeContinuation(acc, facts)
    if (address !== null) acc.address ??= address
  }
  // A list is an order when it counts something, or names its buyer; `定金已付，请安排生产` is neither.
  const counted = acc.lines.some((l) => l.qty !== null && !l.name.includes(' ')) && block.lines.some((l) => /\d/.test(l.text))
  const named = (acc.name !== null || acc.phones.length > 0) && acc.lines.length > 0
  if (!counted && !named) return null
  acc.lines = acc.lines.map((l) => ({ ...l, name: l.name.replace(/的$/, '') || l.name }))
  return { orders: [finishOrder(acc)], issues: [] }
}

/** The message as one buyer's list; null when it is not one, or the general reader handles it already. */
export function readBlock(text: string, options: ParseOptions): OrderParse | null {
  const ctx = fieldContext(options)
  const block = shapeBlock(text, { products: ctx.products, customers: ctx.customers })
  return block !== null && usesBlock(block, text) ? parseBlock(block, options) : null
}
