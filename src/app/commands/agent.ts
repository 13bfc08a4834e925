import { z } from 'zod'
import type { ContactInfo } from '../../domain/ports.js'
import type { Agent } from '../../domain/types.js'
import type { MessageContext } from '../context.js'
import { countedCustomers } from '../ledger/account.js'
import { defineCommand } from '../router/types.js'
import { toPolicy } from '../segments/policy-config.js'

const USAGE = '代理 添加 <微信名或备注>｜代理 删除 <名字>｜代理 列表'

export const agentCommand = defineCommand({
  name: '代理',
  aliases: ['代理人', 'agent'],
  roles: ['admin'],
  summary: '添加、删除代理，查看代理列表',
  usage: USAGE,
  args: z.tuple([z.enum(['添加', '删除', '列表'], { error: `用法：${USAGE}` })], z.string()),
  async run(ctx: MessageContext, [action, ...rest]: ['添加' | '删除' | '列表', ...string[]]) {
    const name = rest.join(' ').replace(/^@/, '').trim()
    // Who has how many customers is for the merchant alone, even when asked in the order group.
    if (action === '列表') return { text: listAgents(ctx), files: [], private: true }
    if (!name && ctx.msg.mentionIds.length === 0) return `请写上代理的微信名，如“代理 ${action} 小王”。`
    return action === '添加' ? addAgent(ctx, name) : removeAgent(ctx, name)
  },
})

async function addAgent(ctx: MessageContext, name: string): Promise<string> {
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
  const at = ctx.now.toISOString()
  if (existing?.active) return `${existing.name} 已经是代理了。`
  if (existing) store.agents.update({ ...existing, active: true, name: label })
  else {
    const agent: Agent = { id: `a${store.nextSeq('agent')}`, name: label, contactId: contact.id, addedAt: at, active: true }
    store.agents.add(agent)
  }
  store.handled.add(ctx.msg.id, at)
  await store.commit()
  return `✅ 已添加代理：${label}。对方现在可以直接在群里或私聊报单了。`
}

async function removeAgent(ctx: MessageContext, name: string): Promise<string> {
  const { store } = ctx.deps
  const agent = ctx.msg.mentionIds.length > 0 ? store.agents.byContact(ctx.msg.mentionIds[0]!) : store.agents.byName(name)
  if (!agent?.active) return `没有叫“${name}”的代理。发“代理 列表”查看。`
  store.agents.update({ ...agent, active: false })
  store.handled.add(ctx.msg.id, ctx.now.toISOString())
  await store.commit()
  return `✅ 已删除代理：${agent.name}。TA 的客户和订单都保留着。`
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
