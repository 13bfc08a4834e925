/**
 * What a speaker may see, decided once per message: admins every customer, an agent their own, a
 * linked customer only themself, a stranger no one. Use cases read customers through this view.
 */
import type { CustomerRepo, Store } from '../domain/ports.js'
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

// The views are classes, not objects of closures: one is made for every message.

class AllCustomers implements CustomerView {
  readonly scope = 'all'
  readonly agentId = null
  constructor(private readonly customers: CustomerRepo) {}
  has(): boolean {
    return true
  }

  named(name: string): Customer[] {
    return this.customers.named(name)
  }

  all(): Customer[] {
    return [...this.customers.all()]
  }
}

class AgentsCustomers implements CustomerView {
  readonly scope = 'agent'
  constructor(private readonly customers: CustomerRepo, readonly agentId: string) {}
  has(c: Customer): boolean {
    return c.agentId === this.agentId
  }

  named(name: string): Customer[] {
    return this.customers.byName(this.agentId, name)
  }

  all(): Customer[] {
    return this.customers.ofAgent(this.agentId)
  }
}

class OneCustomer implements CustomerView {
  readonly scope = 'self'
  readonly agentId = null
  constructor(private readonly customers: CustomerRepo, private readonly self: Customer) {}
  has(c: Customer): boolean {
    return c.id === this.self.id
  }

  named(name: string): Customer[] {
    return this.all().filter(c => c.name === name || c.aliases.includes(name))
  }

  /** The record as stored now (a use case may have changed it since the view was made). */
  all(): Customer[] {
    return [this.customers.byId(this.self.id) ?? this.self]
  }
}

/** What a stranger sees: no one. */
export const NO_CUSTOMERS: CustomerView = Object.freeze({ scope: 'none', agentId: null, has: () => false, named: () => [], all: () => [] })

export function customerView(store: Store, viewer: Viewer): CustomerView {
  if (viewer.role === 'admin') return new AllCustomers(store.customers)
  if (viewer.role === 'agent' && viewer.agent) return new AgentsCustomers(store.customers, viewer.agent.id)
  const self = viewer.role === 'customer' ? viewer.customer : undefined
  return self ? new OneCustomer(store.customers, self) : NO_CUSTOMERS
}
