/** 标签客户 <标签> [页码]: the visible customers with a tag, most valuable first, ten to a page. */
import { kindOf, KIND_NAMES } from '../../domain/customer/kind.js'
import { GROUP_NAMES } from '../../domain/segment/groups.js'
import { compareByValue } from '../../domain/segment/value-order.js'
import type { MessageContext } from '../context.js'
import { PAGE_SIZE } from './page.js'
import { agentSuffix } from './scope.js'

export function taggedListText(ctx: MessageContext, tag: string, page: number): string {
  const { byCustomer } = ctx.classified()
  const members = ctx.visible.all().filter(c => c.tags.includes(tag)).map(customer => ({ customer, c: byCustomer.get(customer.id) }))
  if (members.length === 0) {
    const known = new Map<string, number>()
    for (const c of ctx.visible.all()) for (const t of c.tags) known.set(t, (known.get(t) ?? 0) + 1)
    const common = [...known].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([t, n]) => `${t}（${n}）`)
    return common.length === 0 ? `没有带“${tag}”标签的客户，也还没有客户有标签。` : `没有带“${tag}”标签的客户。常用的标签：${common.join('、')}`
  }
  // Customers with orders by value; those without (no order stood yet) after them, by name.
  members.sort((a, b) => (a.c && b.c ? compareByValue(a.c, b.c) : a.c ? -1 : b.c ? 1 : a.customer.name.localeCompare(b.customer.name, 'zh')))
  const pages = Math.ceil(members.length / PAGE_SIZE)
  if (page > pages) return `带“${tag}”标签的客户只有 ${pages} 页。`
  const lines = [`带“${tag}”标签的客户 ${members.length} 位（先列价值高的）`]
  members.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).forEach(({ customer, c }, i) => {
    const kind = kindOf(customer).kind === 'business' ? ` · ${KIND_NAMES.business}` : ''
    const what = c ? `${c.tier}级 · ${GROUP_NAMES[c.group]}` : '还没有有效订单'
    lines.push(`${(page - 1) * PAGE_SIZE + i + 1}. ${customer.name}${agentSuffix(ctx, customer)} ${what}${kind}`)
  })
  lines.push(page < pages ? `第${page}/${pages}页，发“标签客户 ${tag} ${page + 1}”看下一页` : `第${page}/${pages}页`)
  return lines.join('\n')
}
