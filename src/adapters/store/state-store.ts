/**
 * The store's in-memory state with its indexes. Both the memory store and the lowdb store use it;
 * they differ only in how `commit()` makes the state durable.
 */
import type { InviteRecord } from '../../domain/outreach/invite.js'
import type { OutboxEntry } from '../../domain/outreach/outbox.js'
import type { Store } from '../../domain/ports.js'
import type { Agent, Customer, Order, Segment, SnapshotMeta, Transition } from '../../domain/types.js'
import type { DbData } from './schema.js'

export interface StateStoreOptions {
  /** Makes everything changed so far durable; rejects when it could not. */
  commit: () => Promise<void>
  close?: () => Promise<void>
}

/** A Store over `data`; call `replaceData` to go back to another state (after a failed write). */
export function createStateStore(initial: DbData, options: StateStoreOptions): Store & { data(): DbData, replaceData(d: DbData): void } {
  let data = initial
  let ix = buildIndexes(data)
  let revision = 0
  /** Wraps a mutator so every change bumps the revision. */
  const change = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    revision++
    return fn(...args)
  }


  function putById<T extends { id: string }>(list: T[], map: Map<string, T>, item: T): void {
    const old = map.get(item.id)
    if (!old) throw new Error(`no record with id ${item.id}`)
    list[list.indexOf(old)] = item
    map.set(item.id, item)
  }

  const store = {
    data: () => data,
    replaceData(next: DbData) {
      revision++
      data = next
      ix = buildIndexes(data)
    },
    revision: () => revision,
    settings: {
      get: (key: string) => data.settings[key],
      set: change((key: string, value: string) => { data.settings[key] = value }),
      all: () => data.settings,
    },
    agents: {
      all: () => data.agents,
      byId: (id: string) => ix.agents.get(id),
      byContact: (contactId: string) => data.agents.find(a => a.contactId === contactId),
      byName: (name: string) => data.agents.find(a => a.name === name),
      add(agent: Agent) {
        data.agents.push(agent)
        ix.agents.set(agent.id, agent)
      },
      update: (agent: Agent) => putById(data.agents, ix.agents, agent),
    },
    customers: {
      all: () => data.customers,
      byId: (id: string) => ix.customers.get(id),
      byPhone: (phone: string) => ix.customersByPhone.get(phone),
      byExternalId: (externalId: string) => ix.customersByExternal.get(externalId),
      byName: (agentId: string | null, name: string) => [...(ix.customersByName.get(nameKey(agentId, name)) ?? [])],
      add(customer: Customer) {
        data.customers.push(customer)
        indexCustomer(ix, customer)
      },
      update(customer: Customer) {
        const old = ix.customers.get(customer.id)
        if (old) unindexCustomer(ix, old)
        putById(data.customers, ix.customers, customer)
        indexCustomer(ix, customer)
      },
    },
    orders: {
      all: () => data.orders,
      byId: (id: string) => ix.orders.get(id),
      byNo: (no: number) => ix.ordersByNo.get(no),
      bySource: (sourceMessageId: string) => [...(ix.ordersBySource.get(sourceMessageId) ?? [])],
      ofCustomer: (customerId: string) => (ix.ordersByCustomer.get(customerId) ?? []).map(id => ix.orders.get(id)!),
      lastRecordedBy(senderId: string) {
        for (let i = data.orders.length - 1; i >= 0; i--) {
          const o = data.orders[i]!
          if (o.recordedBy === senderId && o.status === 'active') return o
        }
        return undefined
      },
      add(order: Order) {
        data.orders.push(order)
        indexOrder(ix, order)
      },
      update(order: Order) {
        const old = ix.orders.get(order.id)
        if (old && old.customerId !== order.customerId) {
          const list = ix.ordersByCustomer.get(old.customerId) ?? []
          ix.ordersByCustomer.set(old.customerId, list.filter(id => id !== order.id))
          push(ix.ordersByCustomer, order.customerId, order.id)
        }
        putById(data.orders, ix.orders, order)
        ix.ordersByNo.set(order.no, order)
        const same = ix.ordersBySource.get(order.sourceMessageId) ?? []
        ix.ordersBySource.set(order.sourceMessageId, same.map(o => o.id === order.id ? order : o))
      },
    },
    payments: {
      all: () => data.payments,
      ofCustomer: (customerId: string) => [...(ix.paymentsByCustomer.get(customerId) ?? [])],
      add(payment: DbData['payments'][number]) {
        data.payments.push(payment)
        push(ix.paymentsByCustomer, payment.customerId, payment)
      },
    },
    segments: {
      all: () => data.segments,
      get: (customerId: string) => ix.segments.get(customerId),
      put(segment: Segment) {
        const old = ix.segments.get(segment.customerId)
        if (old) data.segments[data.segments.indexOf(old)] = segment
        else data.segments.push(segment)
        ix.segments.set(segment.customerId, segment)
      },
    },
    transitions: {
      add: (t: Transition) => { data.transitions.push(t) },
      on: (date: string) => data.transitions.filter(t => t.on === date),
    },
    snapshots: {
      all: () => data.snapshots,
      add: (snapshot: SnapshotMeta) => { data.snapshots.push(snapshot) },
      keepLast(n: number) {
        if (data.snapshots.length > n) data.snapshots = data.snapshots.slice(-n)
      },
    },
    refunds: {
      all: () => data.refunds,
      add: (refund: DbData['refunds'][number]) => { data.refunds.push(refund) },
    },
    pending: {
      get: (key: string) => data.pending.find(p => p.key === key),
      put(draft: DbData['pending'][number]) {
        data.pending = data.pending.filter(p => p.key !== draft.key)
        data.pending.push(draft)
      },
      remove(key: string) {
        data.pending = data.pending.filter(p => p.key !== key)
      },
    },
    admins: {
      all: () => data.admins,
      add: (admin: DbData['admins'][number]) => { data.admins.push(admin) },
      remove(contactId: string) {
        data.admins = data.admins.filter(a => a.contactId !== contactId)
      },
    },
    outbox: {
      all: () => data.outbox,
      get: (id: string) => ix.outbox.get(id),
      byKey: (key: string) => ix.outboxByKey.get(key),
      add(entry: OutboxEntry) {
        if (ix.outboxByKey.has(entry.dedupeKey)) return false
        data.outbox.push(entry)
        ix.outbox.set(entry.id, entry)
        ix.outboxByKey.set(entry.dedupeKey, entry)
        return true
      },
      update(entry: OutboxEntry) {
        const old = ix.outbox.get(entry.id)
        if (old && old.dedupeKey !== entry.dedupeKey) throw new Error(`outbox entry ${entry.id}: the dedupe key cannot change`)
        putById(data.outbox, ix.outbox, entry)
        ix.outboxByKey.set(entry.dedupeKey, entry)
      },
    },
    invites: {
      all: () => data.invites,
      get: (customerId: string, roomId: string) => data.invites.find(r => r.customerId === customerId && r.roomId === roomId),
      put: change((record: InviteRecord) => {
        const i = data.invites.findIndex(r => r.customerId === record.customerId && r.roomId === record.roomId)
        if (i >= 0) data.invites[i] = { ...record }
        else data.invites.push({ ...record })
      }),
    },
    jobRuns: {
      get: (job: string) => data.jobRuns[job],
      set: change((job: string, at: string) => { data.jobRuns[job] = at }),
      all: () => data.jobRuns,
    },
    handled: {
      has: (messageId: string) => ix.handled.has(messageId),
      add(messageId: string, at: string) {
        if (ix.handled.has(messageId)) return
        ix.handled.add(messageId)
        data.handled.push({ id: messageId, at })
      },
    },
    nextSeq(name: string) {
      const next = (data.counters[name] ?? 0) + 1
      data.counters[name] = next
      return next
    },
    commit: () => options.commit(),
    close: () => options.close?.() ?? Promise.resolve(),
  }
  // Every mutator of every repository bumps the revision.
  const repos = [store.agents, store.customers, store.orders, store.payments, store.refunds, store.segments, store.transitions, store.snapshots, store.pending, store.admins, store.handled, store.outbox]
  for (const repo of repos as unknown as Record<string, unknown>[]) {
    for (const k of ['add', 'update', 'put', 'remove', 'keepLast']) {
      const fn = repo[k]
      if (typeof fn === 'function') repo[k] = change(fn as (...args: unknown[]) => unknown)
    }
  }
  return store
}

interface Indexes {
  agents: Map<string, Agent>
  customers: Map<string, Customer>
  customersByPhone: Map<string, Customer>
  customersByExternal: Map<string, Customer>
  customersByName: Map<string, Customer[]>
  orders: Map<string, Order>
  ordersByNo: Map<number, Order>
  ordersBySource: Map<string, Order[]>
  ordersByCustomer: Map<string, string[]>
  paymentsByCustomer: Map<string, DbData['payments'][number][]>
  segments: Map<string, Segment>
  handled: Set<string>
  outbox: Map<string, OutboxEntry>
  outboxByKey: Map<string, OutboxEntry>
}

function nameKey(agentId: string | null, name: string): string {
  return `${agentId ?? ''}\u0000${name}`
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function indexCustomer(ix: Indexes, c: Customer): void {
  ix.customers.set(c.id, c)
  if (c.phone) ix.customersByPhone.set(c.phone, c)
  if (c.externalId) ix.customersByExternal.set(c.externalId, c)
  for (const n of new Set([c.name, ...c.aliases])) push(ix.customersByName, nameKey(c.agentId, n), c)
}

function unindexCustomer(ix: Indexes, c: Customer): void {
  if (c.phone && ix.customersByPhone.get(c.phone)?.id === c.id) ix.customersByPhone.delete(c.phone)
  if (c.externalId && ix.customersByExternal.get(c.externalId)?.id === c.id) ix.customersByExternal.delete(c.externalId)
  for (const n of new Set([c.name, ...c.aliases])) {
    const key = nameKey(c.agentId, n)
    const rest = (ix.customersByName.get(key) ?? []).filter(x => x.id !== c.id)
    if (rest.length) ix.customersByName.set(key, rest)
    else ix.customersByName.delete(key)
  }
}

function indexOrder(ix: Indexes, o: Order): void {
  ix.orders.set(o.id, o)
  ix.ordersByNo.set(o.no, o)
  push(ix.ordersBySource, o.sourceMessageId, o)
  push(ix.ordersByCustomer, o.customerId, o.id)
}

function buildIndexes(data: DbData): Indexes {
  const ix: Indexes = {
    agents: new Map(data.agents.map(a => [a.id, a])),
    customers: new Map(),
    customersByPhone: new Map(),
    customersByExternal: new Map(),
    customersByName: new Map(),
    orders: new Map(),
    ordersByNo: new Map(),
    ordersBySource: new Map(),
    ordersByCustomer: new Map(),
    paymentsByCustomer: new Map(),
    segments: new Map(data.segments.map(seg => [seg.customerId, seg])),
    handled: new Set(data.handled.map(h => h.id)),
    outbox: new Map(data.outbox.map(e => [e.id, e])),
    outboxByKey: new Map(data.outbox.map(e => [e.dedupeKey, e])),
  }
  for (const p of data.payments) push(ix.paymentsByCustomer, p.customerId, p)
  for (const c of data.customers) indexCustomer(ix, c)
  for (const o of data.orders) indexOrder(ix, o)
  return ix
}
