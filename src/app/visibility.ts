/**
 * What a speaker may see, decided once per message: admins every customer, an agent their own, a
 * linked customer only themself, a stranger no one. Use cases read customers through this view.
 */
import type { Store } from '../domain/ports.js'
import type { Agent, Customer, Role } from '../domain/types.js'

export interface CustomerView {
  /** `all` for admins; otherwise the view is limited (to one agent's customers, or one customer). */
  scope: 'all' | 'agent' | 'self' | 'none'
  /** The agent whose customers these are, for scope `agent`. */
  agentId: string | null
  has(customer: Customer): boolean
  /** The visible customers with this name or alias. */
  named(name: string): Customer[]
  /** Every visible customer. */
  all(): Customer[]
}

export interface Viewer {
  role: Role
  agent: Agent | undefined
  customer?: Customer
}

export function customerView(store: Store, viewer: Viewer): CustomerView {
  const customers = store.customers
  if (viewer.role === 'admin') {
    return {
      scope: 'all',
      agentId: null,
      has: () => true,
      named: name => customers.named(name),
      all: () => [...customers.all()],
    }
  }
  if (viewer.role === 'agent' && viewer.agent) {
    const agentId = viewer.agent.id
    const has = (c: Customer): boolean => c.agentId === agentId
    return { scope: 'agent', agentId, has, named: name => customers.byName(agentId, name), all: () => customers.ofAgent(agentId) }
  }
  const self = viewer.role === 'customer' ? viewer.customer : undefined
  if (self) {
    const has = (c: Customer): boolean => c.id === self.id
    // The record as stored now (a use case may have changed it since the view was made).
    const current = (): Customer[] => [customers.byId(self.id) ?? self]
    return { scope: 'self', agentId: null, has, named: name => current().filter(c => c.name === name || c.aliases.includes(name)), all: current }
  }
  return { scope: 'none', agentId: null, has: () => false, named: () => [], all: () => [] }
}
