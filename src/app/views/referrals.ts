/** Referrals as the merchant reads them: a customer's line in 客户, and 推荐之星. */
import { compareReferrers, referrerStats, type ReferrerStats } from '../../domain/customer/referrals.js'
import { formatFen } from '../../domain/money.js'
import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'
import { PAGE_SIZE } from './page.js'
import { agentSuffix } from './scope.js'

/** Referrals among the customers the sender sees, spend from the current classification. */
function visibleStats(ctx: MessageContext): Map<string, ReferrerStats> {
  const { byCustomer } = ctx.classified()
  return referrerStats(ctx.visible.all(), id => byCustomer.get(id)?.summary.totalFen)
}

/** `介绍人：李姐 · 介绍来 3 位客户（2 位已下单），带来消费 ¥1,200`, or nothing. */
export function referralLines(ctx: MessageContext, customer: Customer): string[] {
  const out: string[] = []
  const by = customer.referredBy === undefined ? undefined : ctx.deps.store.customers.byId(customer.referredBy)
  if (by && ctx.visible.has(by)) out.push(`介绍人：${by.name}`)
  else if (by) out.push('介绍人：另一位代理的客户')
  const mine = visibleStats(ctx).get(customer.id)
  if (mine) out.push(`介绍来 ${mine.brought} 位客户（${mine.ordered} 位已下单），带来消费 ${formatFen(mine.revenueFen)}`)
  return out
}

export function referrersText(ctx: MessageContext, page: number): string {
  const ranked = [...visibleStats(ctx).values()].sort(compareReferrers)
  const { store } = ctx.deps
  const shown = ranked.flatMap((s) => {
    const c = store.customers.byId(s.referrerId)
    return c && ctx.visible.has(c) ? [{ s, c }] : []
  })
  if (shown.length === 0) return '还没有记下介绍关系。记法：“介绍人 <客户> <介绍人>”，或在报单里写“张姐介绍”。'
  const pages = Math.ceil(shown.length / PAGE_SIZE)
  if (page > pages) return `推荐之星只有 ${pages} 页。`
  const lines = [`推荐之星 ${shown.length} 位（按带来的消费排序）`]
  shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).forEach(({ s, c }, i) => {
    lines.push(`${(page - 1) * PAGE_SIZE + i + 1}. ${c.name}${agentSuffix(ctx, c)} 介绍 ${s.brought} 位，${s.ordered} 位已下单，带来 ${formatFen(s.revenueFen)}`)
  })
  lines.push(page < pages ? `第${page}/${pages}页，发“推荐之星 ${page + 1}”看下一页` : `第${page}/${pages}页`)
  return lines.join('\n')
}
