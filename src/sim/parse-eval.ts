/**
 * Scores the order parser on labelled chat messages, exactly as the development set's README says: each
 * labelled field is a point compared with the first parsed order; a non-order is a point when nothing is
 * recorded and nothing is answered. Also counts orders answered (recorded or asked) and non-orders answered.
 */
import { z } from 'zod'
import type { OrderDraft, ParsedMessage, ParseOptions } from '../domain/order/draft.js'
import { parseMessage } from '../domain/order/parse-message.js'

const ItemSchema = z.object({ name: z.string(), qty: z.number().nullable(), unit: z.string().nullable() })
export const EvalCaseSchema = z.object({
  id: z.string(),
  source: z.string(),
  text: z.string(),
  none: z.boolean(),
  expected: z.object({
    customer: z.string().nullable(),
    phone: z.string().nullable(),
    amount: z.number().nullable(),
    payment: z.enum(['paid', 'unpaid', 'deposit', 'cod']).nullable(),
    items: z.array(ItemSchema),
  }),
  multi: z.number().int().optional(),
})
export type EvalCase = z.infer<typeof EvalCaseSchema>

export type FieldName = 'customer' | 'phone' | 'items' | 'amount' | 'payment' | 'none'
export const FIELD_NAMES: readonly FieldName[] = ['customer', 'phone', 'items', 'amount', 'payment', 'none']

export interface CaseScore {
  id: string
  right: number
  total: number
  answered: boolean
  /** Field points this case got wrong, with what the parser read, for the report. */
  misses: string[]
}

export interface EvalReport {
  fields: Record<FieldName, { right: number, total: number }>
  right: number
  total: number
  orders: number
  ordersAnswered: number
  nonOrders: number
  nonOrdersAnswered: number
  cases: CaseScore[]
}

/** Reads a JSON-lines file's text into cases; a bad line names its number. */
export function readEvalCases(text: string): EvalCase[] {
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return []
    const parsed = EvalCaseSchema.safeParse(JSON.parse(line))
    if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.message}`)
    return [parsed.data]
  })
}

const NAME_NOISE = /[\s()（）[\]【】:：,，.。]/g

function normName(s: string): string {
  return s.replace(NAME_NOISE, '').toLowerCase()
}

/** Names are compared after NFKC, so a full-width letter in a message matches its half-width label. */
function normItem(s: string): string {
  return normName(s.normalize('NFKC'))
}

/** Whether the bot answers this parse: anything but `none` gets a reply (recorded, asked, or refused). */
export function isAnswered(parsed: ParsedMessage): boolean {
  return parsed.kind !== 'none'
}

function firstOrder(parsed: ParsedMessage): OrderDraft | null {
  return parsed.kind === 'order' ? parsed.orders[0] ?? null : null
}

/** Scores one case against the parser's reading. */
export function scoreCase(c: EvalCase, parsed: ParsedMessage): CaseScore & { byField: Partial<Record<FieldName, [number, number]>> } {
  const byField: Partial<Record<FieldName, [number, number]>> = {}
  const misses: string[] = []
  const add = (f: FieldName, ok: boolean, miss: string): void => {
    const [r, t] = byField[f] ?? [0, 0]
    byField[f] = [r + (ok ? 1 : 0), t + 1]
    if (!ok) misses.push(miss)
  }
  const answered = isAnswered(parsed)
  if (c.none) {
    add('none', !answered, `none: read as ${parsed.kind}`)
  }
  else {
    const o = firstOrder(parsed)
    const e = c.expected
    if (e.customer !== null) {
      const got = o?.customer.name ?? null
      add('customer', got !== null && normName(got) === normName(e.customer), `customer: ${got} ≠ ${e.customer}`)
    }
    if (e.phone !== null) add('phone', o?.customer.phone === e.phone, `phone: ${o?.customer.phone ?? null} ≠ ${e.phone}`)
    for (const item of e.items) {
      const want = normItem(item.name)
      const ok = (o?.lines ?? []).some((l) => {
        const name = normItem(l.name)
        return (name.includes(want) || want.includes(name)) && name !== '' && (item.qty === null || l.qty === item.qty)
      })
      add('items', ok, `item ${item.name}×${item.qty ?? '?'}: got [${(o?.lines ?? []).map((l) => `${l.name}×${l.qty ?? '?'}`).join(', ')}]`)
    }
    if (e.amount !== null) {
      const fen = Math.round(e.amount * 100)
      add('amount', o?.amountFen === fen, `amount: ${o?.amountFen ?? null} ≠ ${fen}`)
    }
    if (e.payment !== null) add('payment', o?.payment === e.payment, `payment: ${o?.payment ?? null} ≠ ${e.payment}`)
  }
  const right = Object.values(byField).reduce((a, [r]) => a + r, 0)
  const total = Object.values(byField).reduce((a, [, t]) => a + t, 0)
  return { id: c.id, right, total, answered, misses, byField }
}

/** Parses every case the way the bot does and scores the whole set. */
export function evaluateParser(cases: readonly EvalCase[], options: ParseOptions): EvalReport {
  const fields = Object.fromEntries(FIELD_NAMES.map((f) => [f, { right: 0, total: 0 }])) as EvalReport['fields']
  const report: EvalReport = { fields, right: 0, total: 0, orders: 0, ordersAnswered: 0, nonOrders: 0, nonOrdersAnswered: 0, cases: [] }
  for (const c of cases) {
    const scored = scoreCase(c, parseMessage(c.text, options))
    for (const [f, [r, t]] of Object.entries(scored.byField) as [FieldName, [number, number]][]) {
      fields[f].right += r
      fields[f].total += t
    }
    report.right += scored.right
    report.total += scored.total
    if (c.none) {
      report.nonOrders++
      if (scored.answered) report.nonOrdersAnswered++
    }
    else {
      report.orders++
      if (scored.answered) report.ordersAnswered++
    }
    report.cases.push({ id: scored.id, right: scored.right, total: scored.total, answered: scored.answered, misses: scored.misses })
  }
  return report
}
