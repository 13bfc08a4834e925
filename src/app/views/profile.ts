/** 客户 张三: one customer's profile, as an agent or the merchant wants to read it on a phone. */
import { dateOfDay } from '../../domain/calendar.js'
import { formatFen } from '../../domain/money.js'
import type { CustomerClass } from '../../domain/segment/classify.js'
import { FIT_METHOD_NAMES } from '../../domain/segment/fit-models.js'
import { GROUP_NAMES } from '../../domain/segment/groups.js'
import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'
import { linesLabel } from '../ledger/format.js'
import { agentSuffix } from './scope.js'
import { AT_RISK_ACTION, NEXT_ACTION } from './strategy.js'

const pct = (p: number): string => `${Math.round(p * 100)}%`

export function profileText(ctx: MessageContext, customer: Customer, c: CustomerClass | undefined): string {
  const head = `👤 ${customer.name}${customer.phone ? ` ${customer.phone}` : ''}${agentSuffix(ctx, customer)}`
  if (!c) return [head, '还没有有效订单（订单都已取消或退款）。'].join('\n')
  const s = c.summary
  const method = ctx.classified().classification.models.method
  const lines = [
    head,
    `分组：${GROUP_NAMES[c.group]} · 价值${c.tier}级 · 信用${c.credit}${c.atRisk ? ' · ⚠️需要跟进' : ''}`,
    ...c.reasons.map(r => `· ${r}`),
    `累计消费 ${formatFen(s.totalFen)}（${s.orderCount}单）· 近90天 ${formatFen(s.recentFen)}`,
    `上次下单：${dateOfDay(s.lastDay)} ${linesLabel(s.lastOrder.lines)} ${s.lastOrder.amountFen === null ? '金额待补' : formatFen(s.lastOrder.amountFen)}`,
  ]
  const saidAlive = c.reasons[0]?.includes('仍活跃概率') ?? false
  if (s.x > 0) lines.push(`购买节奏：平均每${Math.round(c.cadenceDays)}天一次${c.pAlive === null || saidAlive ? '' : ` · 仍活跃概率${pct(c.pAlive)}`}${c.pAlive !== null && method === 'map-strong' ? '（客户较少，概率仅供参考）' : ''}`)
  lines.push(nextPurchase(c))
  if (s.credit.unpaidFen > 0) lines.push(`未付：${formatFen(s.credit.unpaidFen)}${s.credit.overdueFen > 0 ? `，其中逾期 ${formatFen(s.credit.overdueFen)}` : ''}`)
  else lines.push('未付：无')
  lines.push(`建议：${c.atRisk ? AT_RISK_ACTION : NEXT_ACTION[c.group]}`)
  return lines.join('\n')
}

/** When the next order is due by the customer's own rhythm, and what the model expects in 90 days. */
function nextPurchase(c: CustomerClass): string {
  const s = c.summary
  const due = s.lastDay + Math.round(c.cadenceDays)
  const today = s.lastDay + (s.T - s.tx)
  const expected = c.expectedPurchases === null ? '' : `，未来90天预计下单 ${c.expectedPurchases.toFixed(1)} 次`
  if (c.group === 'dormant') return `预计下次购买：已超过平时的购买间隔 ${today - due} 天${expected}`
  if (due >= today) return `预计下次购买：${dateOfDay(due).slice(5)} 前后${expected}`
  return `预计下次购买：比平时晚了 ${today - due} 天${expected}`
}

/** The short line a method note adds under lists and the overview when probabilities are indicative. */
export function methodNote(ctx: MessageContext): string | null {
  const m = ctx.classified().classification.models.method
  return m === 'map-strong' || m === 'rules' ? `（${FIT_METHOD_NAMES[m]}）` : null
}
