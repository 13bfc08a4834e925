/** 客户 张三: one customer's profile, as an agent or the merchant wants to read it on a phone. */
import { dateOfDay } from '../../domain/calendar.js'
import { kindOf, KIND_NAMES } from '../../domain/customer/kind.js'
import { formatFen } from '../../domain/money.js'
import type { CustomerClass } from '../../domain/segment/classify.js'
import { FIT_METHOD_NAMES } from '../../domain/segment/fit-models.js'
import { GROUP_NAMES, oneDayText } from '../../domain/segment/groups.js'
import { lifecycleStage, STAGE_NAMES, STAGE_PLAYBOOK, type Stage } from '../../domain/segment/lifecycle.js'
import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'
import { accountOf, owedText } from '../ledger/account.js'
import { linesLabel } from '../ledger/format.js'
import { toPolicy } from '../segments/policy-config.js'
import { profitEstimateNote } from './contribution.js'
import { prospectLines } from './prospects.js'
import { referralLines } from './referrals.js'
import { agentSuffix } from './scope.js'
import { AT_RISK_ACTION, NEXT_ACTION } from './strategy.js'

const pct = (p: number): string => `${Math.round(p * 100)}%`

/** ` · 广东省深圳市福田区`, from the address the customer's orders gave. */
function regionSuffix(customer: Customer): string {
  const r = customer.region
  const where = r ? [r.province, r.city, r.district].filter((x, i, all) => x !== null && all.indexOf(x) === i).join('') : ''
  return where === '' ? '' : ` · ${where}`
}

/** ` · 企业` (or ` · 企业（按名字）` when only the name suggests it); nothing for a person. */
function kindSuffix(customer: Customer): string {
  const k = kindOf(customer)
  return k.kind === 'person' ? '' : ` · ${KIND_NAMES[k.kind]}${k.suggested ? '（按名字）' : ''}`
}

/** Tags and referrals: who the customer is beyond their orders. */
function aboutLines(ctx: MessageContext, customer: Customer): string[] {
  return [...(customer.tags.length > 0 ? [`标签：${customer.tags.join('、')}`] : []), ...referralLines(ctx, customer)]
}

export function profileText(ctx: MessageContext, customer: Customer, c: CustomerClass | undefined): string {
  const head = `👤 ${customer.name}${customer.phone ? ` ${customer.phone}` : ''}${agentSuffix(ctx, customer)}${regionSuffix(customer)}${kindSuffix(customer)}`
  if (!c) {
    const account = accountOf(ctx.deps.store, customer.id, ctx.today, toPolicy(ctx.deps.config.classify).creditDays)
    const none = customer.prospect ? '意向客户，还没有下单。' : '还没有有效订单（订单都已取消或退款）。'
    return [head, none, ...prospectLines(ctx, customer), ...stageLines('prospect'), ...aboutLines(ctx, customer), account.prepaidFen > 0 ? owedText(account) : null].filter(Boolean).join('\n')
  }
  const s = c.summary
  const { classification } = ctx.classified()
  const method = classification.models.method
  const policy = toPolicy(ctx.deps.config.classify)
  const last = s.lastOrder
  const lastAmount = last.amountFen === null ? '金额待补' : formatFen(Math.max(0, last.amountFen - last.refundedFen))
  const lines = [
    head,
    `分组：${GROUP_NAMES[c.group]} · 价值${c.tier}级 · 信用${c.credit}${c.atRisk ? ' · ⚠️需要跟进' : ''}`,
    ...c.reasons.map(r => `· ${r}`),
    ...stageLines(lifecycleStage(c.group, s.orderCount, ctx.deps.config.lifecycle.matureOrders)),
    `累计消费 ${formatFen(s.totalFen)}（${s.orderCount}单）· 近${policy.window}天 ${formatFen(s.recentFen)}`,
    ...profitLine(c, classification.margin),
    `上次下单：${dateOfDay(s.lastDay)} ${linesLabel(last.lines)} ${lastAmount}`,
  ]
  const saidAlive = c.reasons[0]?.includes('仍活跃概率') ?? false
  const showAlive = c.pAlive !== null && !saidAlive
  if (s.x > 0) lines.push(`购买节奏：平均每${Math.round(c.cadenceDays)}天一次${showAlive ? ` · 仍活跃概率${pct(c.pAlive!)}${method === 'map-strong' ? '（客户较少，仅供参考）' : ''}` : ''}`)
  lines.push(nextPurchase(c, policy.horizon))
  lines.push(owedText(s.credit))
  lines.push(...aboutLines(ctx, customer), ...prospectLines(ctx, customer))
  lines.push(`建议：${c.atRisk ? AT_RISK_ACTION : NEXT_ACTION[c.group]}`)
  return lines.join('\n')
}

/** The customer's lifecycle stage, its usual problems and what to do about them. */
function stageLines(stage: Stage): string[] {
  const p = STAGE_PLAYBOOK[stage]
  return [`阶段：${STAGE_NAMES[stage]} · 常见问题：${p.problems}`, `该做：${p.actions}`]
}

/** `近一年利润 ¥1,200`, saying when part of it is estimated because a product's cost is unknown. */
function profitLine(c: CustomerClass, margin: number | null): string[] {
  if (c.summary.yearFen <= 0) return []
  const how = profitEstimateNote(c, margin)
  return [`近一年利润 ${formatFen(c.profitFen)}${how === '' ? '' : `（${how}）`}`]
}

/** When the next order is due by the customer's own rhythm, and what the model expects in 90 days. */
function nextPurchase(c: CustomerClass, horizon: number): string {
  const s = c.summary
  const silent = s.T - s.tx
  const expected = c.expectedPurchases === null ? '' : `，未来${horizon}天预计下单 ${c.expectedPurchases.toFixed(1)} 次`
  // A one-order customer has no rhythm of their own yet: say how long it has been.
  if (s.x === 0) return `预计下次购买：${oneDayText(s)}，${silent === 0 ? '今天刚下单' : `已${silent}天`}${expected}`
  const due = s.lastDay + Math.round(c.cadenceDays)
  const today = s.lastDay + silent
  if (due >= today) return `预计下次购买：${dateOfDay(due).slice(5)} 前后${expected}`
  return `预计下次购买：比平时的间隔晚了 ${today - due} 天${expected}`
}

/** The short line a method note adds under lists and the overview when probabilities are indicative. */
export function methodNote(ctx: MessageContext): string | null {
  const m = ctx.classified().classification.models.method
  return m === 'map-strong' || m === 'rules' ? `（${FIT_METHOD_NAMES[m]}）` : null
}
