/**
 * Agents by name, one world for chat and import: `wxcrm import --agent 小王` and `代理 添加 小王` mean
 * the same 小王, in either order. An agent record without a WeChat contact (made by an import, or the
 * demo) is adopted by the first `代理 添加` whose contact carries its name.
 */
import type { Store } from '../../domain/ports.js'
import type { Agent } from '../../domain/types.js'

/** The agent chat knows by this name: an active one first, then one that was removed. */
export function agentNamed(store: Store, name: string): Agent | undefined {
  const named = store.agents.all().filter(a => a.name === name)
  return named.find(a => a.active) ?? named.at(-1)
}

/** The agent an import's rows go to: the one of that name, or a new one without a contact yet. */
export function agentForImport(store: Store, name: string, at: string): { record: Agent, created: boolean } {
  const found = agentNamed(store, name)
  if (found) return { record: found, created: false }
  const record: Agent = { id: `a${store.nextSeq('agent')}`, name, contactId: null, addedAt: at, active: true }
  store.agents.add(record)
  return { record, created: true }
}

/** Agent records without a contact that carry one of these names (what an import left for chat to link). */
export function unlinkedAgents(store: Store, names: Iterable<string>): Agent[] {
  const wanted = new Set([...names].map(n => n.trim()).filter(Boolean))
  return store.agents.all().filter(a => a.contactId === null && wanted.has(a.name))
}

/** How many customers an agent has. */
export function customerCount(store: Store, agentId: string): number {
  return store.customers.ofAgent(agentId).length
}

/**
 * Moves every customer of `from` to `to`, with the orders `from` held for them, so lists, profiles,
 * corrections and the morning nudges follow the customer. Payments and refunds stay as recorded.
 */
export function moveCustomers(store: Store, from: string, to: string): { customers: number, orders: number } {
  const moved = new Set<string>()
  for (const c of [...store.customers.all()]) {
    if (c.agentId !== from) continue
    store.customers.update({ ...c, agentId: to })
    moved.add(c.id)
  }
  let orders = 0
  for (const o of [...store.orders.all()]) {
    if (o.agentId !== from || !moved.has(o.customerId)) continue
    store.orders.update({ ...o, agentId: to })
    orders++
  }
  return { customers: moved.size, orders }
}
