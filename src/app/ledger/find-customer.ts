/** Finding the customer a command is about, within what the sender may see (`ctx.visible`). */
import { maskPhone, tellApart } from '../../domain/customer/identity.js'
import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'

export type Found = { ok: true, customer: Customer } | { ok: false, reply: string }

export function findCustomer(ctx: MessageContext, who: { name: string | null, phone: string | null }): Found {
  const { customers } = ctx.deps.store
  let candidates: Customer[] = []
  if (who.phone) {
    const c = customers.byPhone(who.phone)
    candidates = c ? [c] : []
  }
  else if (who.name) {
    candidates = ctx.visible.named(who.name)
  }
  else {
    return { ok: false, reply: '请写上客户名字或电话。' }
  }
  candidates = candidates.filter(c => ctx.visible.has(c))
  const label = who.name ?? (who.phone && ctx.inRoom ? maskPhone(who.phone) : who.phone) ?? ''
  if (candidates.length === 0) return { ok: false, reply: `找不到客户“${label}”。请核对名字，或用电话号码。` }
  if (candidates.length > 1) {
    return { ok: false, reply: `有${candidates.length}位客户叫“${label}”（${tellApart(candidates)}），请改用电话号码。` }
  }
  return { ok: true, customer: candidates[0]! }
}

/** The one customer the words point at, or a question (several match) or a "not found" answer. */
export function findVisible(ctx: MessageContext, words: string[]): Customer | string {
  const { store } = ctx.deps
  const [first = '', hint] = words
  const digits = first.replace(/[\s-]/g, '')
  if (/^1[3-9]\d{9}$/.test(digits)) {
    const c = store.customers.byPhone(digits)
    return c && ctx.visible.has(c) ? c : `找不到电话为 ${digits} 的客户。`
  }
  let candidates = ctx.visible.named(first)
  if (candidates.length === 0) {
    const partial = ctx.visible.all().filter(c => c.name.includes(first))
    if (partial.length === 1) return partial[0]!
    if (partial.length === 0) return `找不到客户“${first}”。可以用名字、11位电话，或“客户 张三 8000”（电话尾号）。`
    candidates = partial
  }
  const agents = new Map(store.agents.all().map(a => [a.id, a.name]))
  if (hint) {
    candidates = candidates.filter(c => (c.phone?.endsWith(hint) ?? false) || (c.agentId !== null && agents.get(c.agentId) === hint))
    if (candidates.length === 0) return `“${first}”里没有电话尾号或代理是“${hint}”的客户。`
  }
  if (candidates.length === 1) return candidates[0]!
  const lines = candidates.slice(0, 10).map((c, i) => `${i + 1}. ${c.name} ${c.phone ? `尾号${c.phone.slice(-4)}` : '无电话'}${c.agentId ? `（${agents.get(c.agentId) ?? ''}）` : ''}`)
  return [`有${candidates.length}位客户叫“${first}”，请加上电话尾号${ctx.role === 'admin' ? '或代理名' : ''}，如“客户 ${first} ${candidates[0]!.phone?.slice(-4) ?? '8000'}”：`, ...lines].join('\n')
}
