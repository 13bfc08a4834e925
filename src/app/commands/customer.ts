import { z } from 'zod'
import type { Customer } from '../../domain/types.js'
import type { MessageContext } from '../context.js'
import { canSee } from '../ledger/find-customer.js'
import { defineCommand } from '../router/types.js'
import { profileText } from '../views/profile.js'
import { wechatLine } from './link.js'

const USAGE = '客户 <名字或电话> [电话尾号或代理名]'

export const customerCommand = defineCommand({
  name: '客户',
  aliases: ['查客户', '客户资料'],
  roles: ['admin', 'agent'],
  summary: '查看一位客户的分组、价值、信用、理由、消费与下一步建议',
  usage: USAGE,
  privateInRooms: true,
  args: z.array(z.string()).min(1, `用法：${USAGE}`).max(3),
  async run(ctx, words: string[]) {
    const found = findVisible(ctx, words)
    if (typeof found === 'string') return found
    return [profileText(ctx, found, ctx.classified().byCustomer.get(found.id)), await wechatLine(ctx, found)].join('\n')
  },
})

/** The one customer the words point at, or a question (several match) or a "not found" answer. */
export function findVisible(ctx: MessageContext, words: string[]): Customer | string {
  const { store } = ctx.deps
  const [first = '', hint] = words
  const digits = first.replace(/[\s-]/g, '')
  if (/^1[3-9]\d{9}$/.test(digits)) {
    const c = store.customers.byPhone(digits)
    return c && canSee(ctx, c) ? c : `找不到电话为 ${digits} 的客户。`
  }
  let candidates = store.customers.all().filter(c => (c.name === first || c.aliases.includes(first)) && canSee(ctx, c))
  if (candidates.length === 0) {
    const partial = store.customers.all().filter(c => c.name.includes(first) && canSee(ctx, c))
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
