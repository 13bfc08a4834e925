import type { LineDraft, OrderDraft, ParsedMessage, ParseIssue } from '../../../src/domain/order/draft.js'

function codes(issues: ParseIssue[]): string {
  return issues.length > 0 ? ` !${issues.map((i) => i.code).join(',')}` : ''
}

function line(l: LineDraft): string {
  return [
    l.name,
    l.qty !== null ? `×${l.qty}` : '',
    l.unit ?? '',
    l.spec !== null ? `(${l.spec})` : '',
    l.unitPriceFen !== null ? `@${l.unitPriceFen}` : '',
    l.amountFen !== null ? `=${l.amountFen}` : '',
  ].join('')
}

function order(o: OrderDraft): string {
  const pay = o.payment === null ? '-' : o.paidFen === null ? o.payment : `${o.payment}:${o.paidFen}`
  return `${o.customer.name ?? '-'} ${o.customer.phone ?? '-'} [${o.lines.map(line).join(',')}] ${o.amountFen ?? '-'} ${pay} ${o.date ?? '-'}${codes(o.issues)}`
}

/**
 * One line per parse, so table cases stay one line:
 * `张三 13800138000 [面膜×2盒] 39800 paid:39800 2026-11-20 !issue_code` (name, phone, lines, fen, payment:paidFen, date).
 */
export function summarize(p: ParsedMessage): string {
  switch (p.kind) {
    case 'none':
      return 'none'
    case 'command':
      return ['command', p.command, ...p.args].join(' ')
    case 'correction': {
      const c = p.correction
      const target = c === null ? '' : c.target.kind === 'last' ? ' last' : ` #${c.target.no}`
      const body = c === null ? ' null' : `${target} ${c.field} ${c.value}${c.paidFen !== undefined ? `:${c.paidFen}` : ''}`
      return `correction${body}${codes(p.issues)}`
    }
    case 'payment':
    case 'refund': {
      const m = p.kind === 'payment' ? p.payment : p.refund
      return `${p.kind} ${m.customer.name ?? '-'} ${m.customer.phone ?? '-'} ${m.amountFen ?? '-'} ${m.date ?? '-'}${codes(p.issues)}`
    }
    case 'order':
      return `order ${p.orders.map(order).join(' | ')}${p.issues.length > 0 ? ` !!${p.issues.map((i) => i.code).join(',')}` : ''}`
  }
}
