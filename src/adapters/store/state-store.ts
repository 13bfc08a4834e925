/**
 * The store's in-memory state with its indexes. Both the memory store and the lowdb store use it;
 * they differ only in how `commit()` makes the state durable.
 */
import type { InviteRecord } from '../../domain/outreach/invite.js'
import type { OutboxEntry } from '../../domain/outreach/outbox.js'
import type { Store } from '../../domain/ports.js'
import type { Agent, Customer, Order, Segment, SnapshotMeta, Transition } from '../../domain/types.js'
import { createChangeLog } from './change-log.js'
import { buildIndexes, indexCustomer, indexOrder, nameKey, push, unindexCustomer } from './indexes.js'
import type { Op } from './journal.js'
import { keyOf } from './layout.js'
import type { DbData } from './schema.js'

export interface StateStoreOptions {
  /** Makes everything changed so far durable; rejects when it could not. */
  commit: () => Promise<void>
  close?: () => Promise<void>
  /** Remember what changed since the last `drainChanges()`, for a store that writes only changes. */
  track?: boolean
}

/** What a store that writes only changes needs besides the Store itself. */
export interface StateStore extends Store {
  data(): DbData
  replaceData(d: DbData): void
  /** The changes made since the last call, as journal operations, for the next write. */
  drainChanges(): Op[]
  /** The last drained changes are on disk: they can no longer be undone. */
  changesSaved(): void
  /** Undoes every change not yet on disk (after a failed write), in one synchronous step. */
  revertUnsaved(): void
}

/** A Store over `data`; call `replaceData` to go back to another state (after a failed write). */
export function createStateStore(initial: DbData, options: StateStoreOptions): StateStore {
  let data = initial
  let ix = buildIndexes(data)
  let revision = 0
  const changes = createChangeLog(options.track ?? false, initial)
  /** Wraps a mutator so every change bumps the revision. */
  const change = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    revision++
    return fn(...args)
  }

  function putById<T extends { id: string }>(list: T[], map: { get(id: string): T | undefined, set(id: string, item: T): unknown }, item: T): void {
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
      changes.takeUnsaved()
    },
    drainChanges: () => changes.drain(data),
    changesSaved: () => changes.saved(),
    revertUnsaved() {
      revision++
      const { undo, main } = changes.takeUnsaved()
      for (let i = undo.length - 1; i >= 0; i--) {
        const u = undo[i]!
        const list = data[u.c] as unknown[]
        if (u.before === undefined) {
          list.pop()
          continue
        }
        const at = list.findLastIndex(r => keyOf(u.c, r) === u.key)
        if (at >= 0) list[at] = u.before
      }
      Object.assign(data, main)
      ix = buildIndexes(data)
    },
    revision: () => revision,
    settings: {
      get: (key: string) => data.settings[key],
      set: change((key: string, value: string) => {
        data.settings[key] = value
        changes.main('settings')
      }),
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
        changes.main('agents')
      },
      update(agent: Agent) {
        putById(data.agents, ix.agents, agent)
        changes.main('agents')
      },
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
        changes.put('customers', customer, undefined)
      },
      update(customer: Customer) {
        const old = ix.customers.get(customer.id)
        if (old) unindexCustomer(ix, old)
        putById(data.customers, ix.customers, customer)
        indexCustomer(ix, customer)
        changes.put('customers', customer, old)
      },
    },
    orders: {
      all: () => data.orders,
      byId: (id: string) => ix.orders.get(id),
      byNo: (no: number) => ix.orders.byNo(no),
      bySource(sourceMessageId: string) {
        const found = ix.ordersBySource.get(sourceMessageId)
        return found === undefined ? [] : Array.isArray(found) ? [...found] : [found]
      },
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
        changes.put('orders', order, undefined)
      },
      update(order: Order) {
        const old = ix.orders.get(order.id)
        // The number places the order in its part on disk (and is what agents quote): it never changes.
        if (old && old.no !== order.no) throw new Error(`order ${order.id}: its number cannot change`)
        if (old && old.customerId !== order.customerId) {
          const list = ix.ordersByCustomer.get(old.customerId) ?? []
          ix.ordersByCustomer.set(old.customerId, list.filter(id => id !== order.id))
          push(ix.ordersByCustomer, order.customerId, order.id)
        }
        putById(data.orders, ix.orders, order)
        const same = ix.ordersBySource.get(order.sourceMessageId)
        ix.ordersBySource.set(order.sourceMessageId, Array.isArray(same) ? same.map(o => o.id === order.id ? order : o) : order)
        changes.put('orders', order, old)
      },
    },
    payments: {
      all: () => data.payments,
      ofCustomer: (customerId: string) => [...(ix.paymentsByCustomer.get(customerId) ?? [])],
      add(payment: DbData['payments'][number]) {
        data.payments.push(payment)
        push(ix.paymentsByCustomer, payment.customerId, payment)
        changes.put('payments', payment, undefined)
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
        changes.put('segments', segment, old)
      },
    },
    transitions: {
      add(t: Transition) {
        data.transitions.push(t)
        changes.add('transitions', t)
      },
      on: (date: string) => data.transitions.filter(t => t.on === date),
    },
    snapshots: {
      all: () => data.snapshots,
      add(snapshot: SnapshotMeta) {
        data.snapshots.push(snapshot)
        changes.main('snapshots')
      },
      keepLast(n: number) {
        if (data.snapshots.length > n) data.snapshots = data.snapshots.slice(-n)
        changes.main('snapshots')
      },
    },
    refunds: {
      all: () => data.refunds,
      add(refund: DbData['refunds'][number]) {
        data.refunds.push(refund)
        changes.put('refunds', refund, undefined)
      },
    },
    pending: {
      get: (key: string) => data.pending.find(p => p.key === key),
      put(draft: DbData['pending'][number]) {
        data.pending = data.pending.filter(p => p.key !== draft.key)
        data.pending.push(draft)
        changes.main('pending')
      },
      remove(key: string) {
        data.pending = data.pending.filter(p => p.key !== key)
        changes.main('pending')
      },
    },
    admins: {
      all: () => data.admins,
      add(admin: DbData['admins'][number]) {
        data.admins.push(admin)
        changes.main('admins')
      },
      remove(contactId: string) {
        data.admins = data.admins.filter(a => a.contactId !== contactId)
        changes.main('admins')
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
        changes.put('outbox', entry, undefined)
        return true
      },
      update(entry: OutboxEntry) {
        const old = ix.outbox.get(entry.id)
        if (old && old.dedupeKey !== entry.dedupeKey) throw new Error(`outbox entry ${entry.id}: the dedupe key cannot change`)
        putById(data.outbox, ix.outbox, entry)
        ix.outboxByKey.set(entry.dedupeKey, entry)
        changes.put('outbox', entry, old)
      },
    },
    invites: {
      all: () => data.invites,
      get: (customerId: string, roomId: string) => data.invites.find(r => r.customerId === customerId && r.roomId === roomId),
      put: ((record: InviteRecord) => {
        const i = data.invites.findIndex(r => r.customerId === record.customerId && r.roomId === record.roomId)
        if (i >= 0) data.invites[i] = { ...record }
        else data.invites.push({ ...record })
        changes.main('invites')
      }),
    },
    jobRuns: {
      get: (job: string) => data.jobRuns[job],
      set: ((job: string, at: string) => {
        data.jobRuns[job] = at
        changes.main('jobRuns')
      }),
      all: () => data.jobRuns,
    },
    handled: {
      has: (messageId: string) => ix.handled.has(messageId),
      add(messageId: string, at: string) {
        if (ix.handled.has(messageId)) return
        ix.handled.add(messageId)
        const record = { id: messageId, at }
        data.handled.push(record)
        changes.add('handled', record)
      },
    },
    nextSeq(name: string) {
      const next = (data.counters[name] ?? 0) + 1
      data.counters[name] = next
      changes.main('counters')
      return next
    },
    commit: () => options.commit(),
    close: () => options.close?.() ?? Promise.resolve(),
  }
  // Every change to what the classification reads bumps the revision; the outbox, remembered message
  // ids, drafts and the classification's own output do not, so sending messages keeps the cache.
  const repos = [store.agents, store.customers, store.orders, store.payments, store.refunds]
  for (const repo of repos as unknown as Record<string, unknown>[]) {
    for (const k of ['add', 'update', 'put', 'remove', 'keepLast']) {
      const fn = repo[k]
      if (typeof fn === 'function') repo[k] = change(fn as (...args: unknown[]) => unknown)
    }
  }
  return store
}
