import { z } from 'zod'
import type { ContactInfo } from '../../domain/ports.js'
import type { Agent } from '../../domain/types.js'
import { agentNamed, customerCount, moveCustomers, unlinkedAgents } from '../agents/roster.js'
import type { MessageContext, Reply } from '../context.js'
import { countedCustomers } from '../ledger/account.js'
import { defineCommand } from '../router/types.js'
import { toPolicy } from '../segments/policy-config.js'

const USAGE = '代理 添加 <微信名或备注>｜代理 删除 <名字>｜代理 转移 <原代理> <新代理>｜代理 列表'
type Action = '添加' | '删除' | '转移' | '列表'

export const agentCommand = defineCommand({
  name: '代理',
  aliases: ['代理人', 'agent'],
  roles: ['admin'],
  summary: '添加、删除代理，把一位代理的客户转给另一位，查看代理列表',
  usage: USAGE,
  args: z.tuple([z.enum(['添加', '删除', '转移', '列表'], { error: `用法：${USAGE}` })], z.string()),
  async run(ctx: MessageContext, [action, ...rest]: [Action, ...string[]]) {
    const name = rest.join(' ').replace(/^@/, '').trim()
    // Who has how many customers is for the merchant alone, even when asked in the order group.
    if (action === '列表') return { text: listAgents(ctx), files: [], private: true }
    if (action === '转移') return transferAgent(ctx, rest)
    if (!name && ctx.msg.mentionIds.length === 0) return `请写上代理的微信名，如“代理 ${action} 小王”。`
    return action === '添加' ? addAgent(ctx, name) : removeAgent(ctx, name)
  },
})

async function addAgent(ctx: MessageContext, name: string): Promise<Reply> {
  const { store, contacts } = ctx.deps
  let found: ContactInfo[]
  if (ctx.msg.mentionIds.length > 0) {
    const c = await contacts.byId(ctx.msg.mentionIds[0]!)
    found = c ? [c] : []
  }
  else {
    found = await contacts.find(name)
  }
  if (found.length === 0) return `找不到微信联系人“${name}”。请确认对方是机器人账号的好友，或在群里 @对方：代理 添加 @${name || '小王'}`
  if (found.length > 1) return `有${found.length}个联系人叫“${name}”，请在群里 @对方 添加，或先给对方设置一个唯一的备注名。`
  const contact = found[0]!
  const label = name || contact.alias || contact.name
  const existing = store.agents.byContact(contact.id)
  // An agent of this name without a contact (from `wxcrm import --agent`) is this person: adopt it.
  const unlinked = unlinkedAgents(store, [label, contact.name, contact.alias ?? ''])
    .sort((a, b) => Number(b.name === label) - Number(a.name === label))
  if (existing?.active && unlinked.length === 0) return `${existing.name} 已经是代理了。`
  const at = ctx.now.toISOString()
  let agent: Agent
  let adopted = 0
  if (existing) {
    agent = { ...existing, active: true, name: existing.active ? existing.name : label }
    store.agents.update(agent)
  }
  else if (unlinked.length > 0) {
    const record = unlinked.shift()!
    agent = { ...record, contactId: contact.id, active: true, name: label }
    store.agents.update(agent)
    adopted += customerCount(store, agent.id)
  }
  else {
    agent = { id: `a${store.nextSeq('agent')}`, name: label, contactId: contact.id, addedAt: at, active: true }
    store.agents.add(agent)
  }
  // Any other record of the name is the same person too: its customers come along, the record retires.
  for (const other of unlinked) {
    adopted += moveCustomers(store, other.id, agent.id).customers
    store.agents.update({ ...other, active: false })
  }
  const joined = adopted > 0 ? `（已关联导入的 ${adopted} 位客户）` : ''
  const text = existing?.active ? `${existing.name} 已经是代理了${joined}。` : `✅ 已添加代理：${agent.name}${joined}。对方现在可以直接在群里或私聊报单了。`
  // How many customers an agent has is for the merchant alone (as in 代理 列表).
  return adopted > 0 ? { text, files: [], private: true } : text
}

/** 代理 转移 <甲> <乙>: every customer of 甲 (typically removed) goes to 乙, with their future nudges. */
async function transferAgent(ctx: MessageContext, words: string[]): Promise<Reply> {
  const { store } = ctx.deps
  // `代理 转移 小王 到 小李`, `小王 给 小李`, `小王→小李`.
  const names = words.join(' ').split(/\s*(?:->|→|＞|>)\s*|\s+(?:到|给|转给)\s+|\s+/u).map(w => w.replace(/^@/, '').trim()).filter(Boolean)
  if (names.length !== 2) return `请写上两位代理的名字，如“代理 转移 小王 小李”：把小王的客户都转给小李。`
  const [fromName, toName] = names as [string, string]
  const to = agentNamed(store, toName)
  if (!to) return `没有叫“${toName}”的代理。发“代理 列表”查看。`
  if (!to.active) return `${to.name} 已经不是代理了，不能接收客户。请先发“代理 添加 ${to.name}”。`
  // Every record of the name but the receiver: also a duplicate left by an earlier import.
  const from = store.agents.all().filter(a => a.name === fromName && a.id !== to.id)
  if (from.length === 0) {
    return fromName === toName || store.agents.all().some(a => a.name === fromName)
      ? `“${fromName}”和“${toName}”是同一位代理，不用转移。`
      : `没有叫“${fromName}”的代理。发“代理 列表”查看。`
  }
  let customers = 0
  let orders = 0
  for (const a of from) {
    const moved = moveCustomers(store, a.id, to.id)
    customers += moved.customers
    orders += moved.orders
  }
  if (customers === 0) return `${fromName} 名下没有客户，不用转移。`
  const text = `✅ 已把 ${fromName} 的 ${customers} 位客户（${orders} 单）转给 ${to.name}。以后这些客户的跟进提醒发给 ${to.name}。`
  return { text, files: [], private: true }
}

async function removeAgent(ctx: MessageContext, name: string): Promise<string> {
  const { store } = ctx.deps
  const agent = ctx.msg.mentionIds.length > 0 ? store.agents.byContact(ctx.msg.mentionIds[0]!) : agentNamed(store, name)
  if (!agent?.active) return `没有叫“${name}”的代理。发“代理 列表”查看。`
  store.agents.update({ ...agent, active: false })
  const hint = customerCount(store, agent.id) > 0 ? `要交给别的代理，发“代理 转移 ${agent.name} <新代理>”。` : ''
  return `✅ 已删除代理：${agent.name}。TA 的客户和订单都保留着。${hint}`
}

function listAgents(ctx: MessageContext): string {
  const { store } = ctx.deps
  const active = store.agents.all().filter(a => a.active)
  if (active.length === 0) return '还没有代理。发“代理 添加 <微信名>”添加。'
  // The customers 导出 lists: one whose only order was undone is not counted.
  const customers = new Map<string, number>()
  for (const { customer: c } of countedCustomers(store, ctx.today, toPolicy(ctx.deps.config.classify).creditDays))
    if (c.agentId) customers.set(c.agentId, (customers.get(c.agentId) ?? 0) + 1)
  const orders = new Map<string, number>()
  for (const o of store.orders.all()) if (o.agentId && o.status === 'active') orders.set(o.agentId, (orders.get(o.agentId) ?? 0) + 1)
  return [`👥 代理 ${active.length} 位：`, ...active.map(a => `· ${a.name}：客户 ${customers.get(a.id) ?? 0} 位，订单 ${orders.get(a.id) ?? 0} 单`)].join('\n')
}
