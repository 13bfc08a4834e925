/**
 * The store's in-memory state with its indexes. Both the memory store and the lowdb store use it;
 * they differ only in how `commit()` makes the state durable.
 */
import type { InviteRecord } from '../../domain/outreach/invite.js'
import type { OutboxEntry } from '../../domain/outreach/outbox.js'
import type { Store } from '../../domain/ports.js'
import type { Agent, Customer, Order, Segment, SnapshotMeta, Transition } from '../../domain/types.js'
import type { Op } from './journal.js'
import { keyOf, MAIN_KEYS, MAIN_PART, partOf, type MainKey, type PartCollection } from './layout.js'
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

interface Undo { c: PartCollection, key: string | null, before: unknown }

/**
 * What changed since the last drain (records by key, the newest wins; appended records; main keys),
 * and how to undo every change not yet on disk: the record each put replaced (undefined for a new
 * one, which is then the last of its list), and the main keys as they stand on disk.
 */
function createChangeLog(enabled: boolean, initial: DbData) {
  let puts = new Map<PartCollection, Map<string, unknown>>()
  let adds: { c: PartCollection, r: unknown }[] = []
  let mains = new Set<MainKey>()
  let undo: Undo[] = []
  let drained = 0
  let inFlightMain: Partial<Record<MainKey, unknown>> = {}
  const onDisk: Partial<Record<MainKey, unknown>> = enabled ? structuredClone(Object.fromEntries(MAIN_KEYS.map(k => [k, initial[k]]))) : {}
  const clear = (): void => {
    puts = new Map()
    adds = []
    mains = new Set()
  }
  return {
    put(c: PartCollection, r: unknown, before: unknown) {
      if (!enabled) return
      const key = keyOf(c, r)!
      let m = puts.get(c)
      if (!m) puts.set(c, m = new Map())
      m.set(key, r)
      undo.push({ c, key, before })
    },
    add(c: PartCollection, r: unknown) {
      if (!enabled) return
      adds.push({ c, r })
      undo.push({ c, key: null, before: undefined })
    },
    main(k: MainKey) {
      if (enabled) mains.add(k)
    },
    drain(data: DbData): Op[] {
      const ops: Op[] = []
      inFlightMain = {}
      for (const k of mains) {
        const v = structuredClone(data[k])
        inFlightMain[k] = v
        ops.push({ p: MAIN_PART, set: k, v })
      }
      for (const [c, m] of puts) for (const r of m.values()) ops.push({ p: partOf(c, r), put: r })
      for (const { c, r } of adds) ops.push({ p: partOf(c, r), add: r })
      drained = undo.length
      clear()
      return ops
    },
    saved() {
      undo = undo.slice(drained)
      drained = 0
      Object.assign(onDisk, inFlightMain)
      inFlightMain = {}
    },
    takeUnsaved(): { undo: Undo[], main: Partial<Record<MainKey, unknown>> } {
      const out = { undo, main: structuredClone(onDisk) }
      undo = []
      drained = 0
      inFlightMain = {}
      clear()
      return out
    },
  }
}

/**
 * Orders by id and by number. Ids are `o<number>` in practice, so one dense array by number serves
 * both, with a map only for ids of another form: at a million orders that is one index, not two maps.
 */
class OrderTable {
  readonly #byNo: (Order | undefined)[] = []
  readonly #other = new Map<string, Order>()

  get(id: string): Order | undefined {
    if (id.charCodeAt(0) === 111 && /^o\d{1,15}$/.test(id)) {
      const o = this.#byNo[Number(id.slice(1))]
      if (o?.id === id) return o
    }
    return this.#other.get(id)
  }

  set(id: string, order: Order): void {
    this.#byNo[order.no] = order
    if (!isPlainId(id, order.no)) this.#other.set(id, order)
  }

  byNo(no: number): Order | undefined {
    return this.#byNo[no]
  }
}

/** Whether `id` is exactly `o<no>` (checked digit by digit: no string is built per order). */
function isPlainId(id: string, no: number): boolean {
  if (id.charCodeAt(0) !== 111 || id.length < 2 || id.length > 16 || id.charCodeAt(1) === 48) return false
  let n = 0
  for (let i = 1; i < id.length; i++) {
    const d = id.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    n = n * 10 + d
  }
  return n === no
}

interface Indexes {
  agents: Map<string, Agent>
  customers: Map<string, Customer>
  customersByPhone: Map<string, Customer>
  customersByExternal: Map<string, Customer>
  customersByName: Map<string, Customer[]>
  orders: OrderTable
  /** One order per message id, a list for the rare message that held several orders. */
  ordersBySource: Map<string, Order | Order[]>
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
  const same = ix.ordersBySource.get(o.sourceMessageId)
  if (same === undefined) ix.ordersBySource.set(o.sourceMessageId, o)
  else if (Array.isArray(same)) same.push(o)
  else ix.ordersBySource.set(o.sourceMessageId, [same, o])
  push(ix.ordersByCustomer, o.customerId, o.id)
}

function buildIndexes(data: DbData): Indexes {
  const ix: Indexes = {
    agents: new Map(data.agents.map(a => [a.id, a])),
    customers: new Map(),
    customersByPhone: new Map(),
    customersByExternal: new Map(),
    customersByName: new Map(),
    orders: new OrderTable(),
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
