/** The `wxcrm parse` JSON contract: a plain, stable view of a ParsedMessage. */

import type { MoneyMovementDraft, OrderDraft, ParsedMessage, ParseIssue, PaymentState } from './draft.js'

export interface ParseJsonLine {
  name: string
  qty: number | null
  unit: string | null
  unitPriceFen: number | null
  amountFen: number | null
  spec: string | null
}

export interface ParseJsonOrder {
  customer: { name: string | null, phone: string | null, address: string | null }
  lines: ParseJsonLine[]
  amountFen: number | null
  payment: PaymentState | null
  paidFen: number | null
  date: string | null
  note?: string | null
  refundFen?: number | null
  issues?: string[]
}

export interface ParseJson {
  kind: 'order' | 'payment' | 'refund' | 'command' | 'none'
  orders: ParseJsonOrder[]
  /** Issue codes, message-level first, then each order's. */
  issues: string[]
  issueDetails: ParseIssue[]
  command?: string
  args?: string[]
  correction?: unknown
}

function orderJson(o: OrderDraft): ParseJsonOrder {
  return {
    customer: { name: o.customer.name, phone: o.customer.phone, address: o.customer.address },
    lines: o.lines.map((l) => ({
      name: l.name, qty: l.qty, unit: l.unit, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen, spec: l.spec,
    })),
    amountFen: o.amountFen,
    payment: o.payment,
    paidFen: o.paidFen,
    date: o.date,
    note: o.note,
    issues: o.issues.map((i) => i.code),
  }
}

function movementJson(m: MoneyMovementDraft, refund: boolean): ParseJsonOrder {
  return {
    customer: { name: m.customer.name, phone: m.customer.phone, address: m.customer.address },
    lines: [],
    amountFen: m.amountFen,
    payment: refund ? null : 'paid',
    paidFen: refund ? null : m.amountFen,
    date: m.date,
    ...(refund ? { refundFen: m.amountFen } : {}),
  }
}

function withIssues(base: Omit<ParseJson, 'issues' | 'issueDetails'>, details: ParseIssue[]): ParseJson {
  return { ...base, issues: details.map((i) => i.code), issueDetails: details }
}

/** Maps a ParsedMessage to the CLI JSON contract; corrections are reported as kind `command` (`改`). */
export function toParseJson(parsed: ParsedMessage): ParseJson {
  switch (parsed.kind) {
    case 'order':
      return withIssues({ kind: 'order', orders: parsed.orders.map(orderJson) },
        [...parsed.issues, ...parsed.orders.flatMap((o) => o.issues)])
    case 'payment':
      return withIssues({ kind: 'payment', orders: [movementJson(parsed.payment, false)] }, parsed.issues)
    case 'refund':
      return withIssues({ kind: 'refund', orders: [movementJson(parsed.refund, true)] }, parsed.issues)
    case 'correction':
      return withIssues({ kind: 'command', orders: [], command: '改', args: [], correction: parsed.correction }, parsed.issues)
    case 'command':
      return withIssues({ kind: 'command', orders: [], command: parsed.command, args: parsed.args }, [])
    case 'none':
      return withIssues({ kind: 'none', orders: [] }, [])
  }
}
