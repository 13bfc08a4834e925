/**
 * Every stored collection has one descriptor, and every index a descriptor declares answers right
 * through the store: after a record is added, after an update that changes the indexed field, after
 * that update is undone (a failed write), and after a reopen (indexes rebuilt from the data).
 */
import { describe, expect, it } from 'vitest'
import { DESCRIPTORS, MAIN_KEYS, PART_COLLECTIONS } from '../../src/adapters/store/collections.js'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { dbSchema, emptyDb, mainFileSchema } from '../../src/adapters/store/schema.js'
import { createStateStore, type StateStore } from '../../src/adapters/store/state-store.js'
import type { Store } from '../../src/domain/ports.js'
import type { Product } from '../../src/domain/types.js'
import { aCustomer, anOrder, anOutboxEntry } from '../helpers/builders.js'

describe('descriptors', () => {
  it('describe every stored collection exactly once, each under its own name', () => {
    const stored = Object.keys(dbSchema.shape).filter(k => k !== 'schemaVersion').sort()
    expect(Object.keys(DESCRIPTORS).sort()).toEqual(stored)
    for (const [name, d] of Object.entries(DESCRIPTORS)) expect(d.name).toBe(name)
    expect([...MAIN_KEYS, ...PART_COLLECTIONS].sort()).toEqual(stored)
    expect(new Set([...MAIN_KEYS, ...PART_COLLECTIONS]).size).toBe(stored.length)
  })

  it('put in the main file exactly the collections the main file holds', () => {
    const inMain = Object.keys(mainFileSchema.shape).filter(k => !['schemaVersion', 'seq', 'parts'].includes(k))
    expect([...MAIN_KEYS]).toEqual(inMain)
  })

  it('give every index a name unique within its collection, and fields its schema has', () => {
    for (const d of Object.values(DESCRIPTORS)) {
      const names = d.indexes.map(i => i.name)
      expect(new Set(names).size).toBe(names.length)
      const shape = (d.schema as unknown as { shape: Record<string, unknown> }).shape
      for (const spec of d.indexes) for (const f of spec.fields) expect(Object.keys(shape), `${d.name}.${spec.name}`).toContain(f)
    }
  })
})

const product = (id: string, name: string, aliases: string[]): Product => ({
  id, name, aliases, unit: null, priceFen: null, seenPricesFen: [], costFen: null, lines: 0,
  createdAt: '2026-11-23T00:00:00.000Z', updatedAt: '2026-11-23T00:00:00.000Z',
})
const payment = { id: 'p1', sourceMessageId: 'mp', customerId: 'c1', agentId: null, amountFen: 1, receivedOn: '2026-11-23', recordedAt: '2026-11-23T00:00:00.000Z', applied: [] }

interface IndexCase {
  /** Adds the record, under `before`. */
  add(s: Store): void
  /** Changes the indexed field to `after` (absent when the store never changes such a record). */
  update?: (s: Store) => void
  /** The record's id (or ids) found under a key. */
  ask(s: Store, key: string): string[]
  before: string
  after: string
}

const ids = (list: readonly { id: string }[]): string[] => list.map(r => r.id)
const one = (r: { id: string } | undefined): string[] => r ? [r.id] : []
const customer = (s: Store, over: object): void => s.customers.update({ ...s.customers.byId('c1')!, ...over })
const agent = { id: 'a1', name: '小王', contactId: 'wx-a1', addedAt: '2026-11-23T00:00:00.000Z', active: true }
const order = (s: Store, over: object): void => s.orders.update({ ...s.orders.byId('o1')!, ...over })

/** One case per declared index, `collection.index`. */
const CASES: Record<string, IndexCase> = {
  'orders.byNo': { add: s => s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' })), update: s => order(s, { note: '改' }), ask: (s, k) => one(s.orders.byNo(Number(k))), before: '1', after: '1' },
  'orders.bySource': { add: s => s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1', sourceMessageId: 'm1' })), update: s => order(s, { sourceMessageId: 'm2' }), ask: (s, k) => ids(s.orders.bySource(k)), before: 'm1', after: 'm2' },
  'orders.byCustomer': { add: s => s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' })), update: s => order(s, { customerId: 'c2' }), ask: (s, k) => ids(s.orders.ofCustomer(k)), before: 'c1', after: 'c2' },
  'customers.byPhone': { add: s => s.customers.add(aCustomer({ id: 'c1', phone: '13800138000' })), update: s => customer(s, { phone: '13900139000' }), ask: (s, k) => one(s.customers.byPhone(k)), before: '13800138000', after: '13900139000' },
  'customers.byExternalId': { add: s => s.customers.add(aCustomer({ id: 'c1', externalId: 'X1' })), update: s => customer(s, { externalId: 'X2' }), ask: (s, k) => one(s.customers.byExternalId(k)), before: 'X1', after: 'X2' },
  'customers.byContact': { add: s => s.customers.add(aCustomer({ id: 'c1', contactId: 'wx-1' })), update: s => customer(s, { contactId: 'wx-2' }), ask: (s, k) => one(s.customers.byContact(k)), before: 'wx-1', after: 'wx-2' },
  'customers.byAnyName': { add: s => s.customers.add(aCustomer({ id: 'c1', agentId: 'a1', name: '张三', aliases: ['三哥'] })), update: s => customer(s, { aliases: ['老三'] }), ask: (s, k) => ids(s.customers.named(k)), before: '三哥', after: '老三' },
  'customers.byAgent': { add: s => s.customers.add(aCustomer({ id: 'c1', agentId: 'a1' })), update: s => customer(s, { agentId: 'a2' }), ask: (s, k) => ids(s.customers.ofAgent(k)), before: 'a1', after: 'a2' },
  'payments.byCustomer': { add: s => s.payments.add(payment), ask: (s, k) => ids(s.payments.ofCustomer(k)), before: 'c1', after: 'c1' },
  'outbox.byKey': { add: s => s.outbox.add(anOutboxEntry({ id: 'e1', dedupeKey: 'k1' })), update: s => s.outbox.update({ ...s.outbox.get('e1')!, status: 'sent' }), ask: (s, k) => one(s.outbox.byKey(k)), before: 'k1', after: 'k1' },
  'outbox.byStatus': { add: s => s.outbox.add(anOutboxEntry({ id: 'e1', dedupeKey: 'k1' })), update: s => s.outbox.update({ ...s.outbox.get('e1')!, status: 'sent' }), ask: (s, k) => ids(s.outbox.withStatus(k as 'planned')), before: 'planned', after: 'sent' },
  'agents.byContact': { add: s => s.agents.add(agent), update: s => s.agents.update({ ...agent, contactId: 'wx-a2' }), ask: (s, k) => one(s.agents.byContact(k)), before: 'wx-a1', after: 'wx-a2' },
  'agents.byName': { add: s => s.agents.add(agent), update: s => s.agents.update({ ...agent, name: '小李' }), ask: (s, k) => one(s.agents.byName(k)), before: '小王', after: '小李' },
  'handled.byId': { add: s => s.handled.add('m1', '2026-11-23T00:00:00.000Z'), ask: (s, k) => s.handled.has(k) ? ['m1'] : [], before: 'm1', after: 'm1' },
  'products.byName': { add: s => s.products.add(product('p1', '面膜', [])), update: s => s.products.update(product('p1', '精华', [])), ask: (s, k) => one(s.products.byName(k)), before: '面膜', after: '精华' },
  'products.byAlias': { add: s => s.products.add(product('p1', '面膜', ['膜'])), update: s => s.products.update(product('p1', '面膜', ['贴'])), ask: (s, k) => one(s.products.byName(k)), before: '膜', after: '贴' },
}

const declared = Object.values(DESCRIPTORS).flatMap(d => d.indexes.map(i => `${d.name}.${i.name}`))

function saved(s: StateStore): void {
  s.drainChanges()
  s.changesSaved()
}

describe('declared indexes', () => {
  it('each have a case here', () => {
    expect(Object.keys(CASES).sort()).toEqual([...declared].sort())
  })

  it.each(declared)('%s answers after an add, an update, an undo and a reopen', (name) => {
    const c = CASES[name]!
    const s = createStateStore(emptyDb(), { commit: async () => {}, track: true })
    c.add(s)
    const [rid] = c.ask(s, c.before)
    expect(rid).toBeDefined()
    const found = (store: Store, key: string): boolean => c.ask(store, key).includes(rid!)
    s.revertUnsaved()
    expect(found(s, c.before)).toBe(false)
    c.add(s)
    saved(s)
    expect(found(s, c.before)).toBe(true)
    if (c.update) {
      c.update(s)
      expect(found(s, c.after)).toBe(true)
      if (c.after !== c.before) expect(found(s, c.before)).toBe(false)
      s.revertUnsaved()
      expect(found(s, c.before)).toBe(true)
      if (c.after !== c.before) expect(found(s, c.after)).toBe(false)
      c.update(s)
      saved(s)
    }
    const again = createMemoryStore(structuredClone(s.data()))
    const last = c.update ? c.after : c.before
    expect(found(again, last)).toBe(true)
    if (c.after !== c.before) expect(found(again, c.before)).toBe(false)
  })
})

describe('index semantics', () => {
  it('unique: the last writer wins, and a record taken off a key drops it only if the key still points to it', () => {
    const s = createMemoryStore()
    s.customers.add(aCustomer({ id: 'c1', phone: '13800138000' }))
    s.customers.add(aCustomer({ id: 'c2', name: '李四', phone: '13800138000' }))
    expect(s.customers.byPhone('13800138000')?.id).toBe('c2')
    s.customers.update({ ...s.customers.byId('c1')!, phone: '13900139000' })
    expect(s.customers.byPhone('13800138000')?.id).toBe('c2')
    expect(s.customers.byPhone('13900139000')?.id).toBe('c1')
  })

  it('not unique: an update that keeps the key keeps the record\'s place', () => {
    const s = createMemoryStore()
    s.customers.add(aCustomer({ id: 'c1', name: '张三' }))
    s.customers.add(aCustomer({ id: 'c2', name: '张三' }))
    s.customers.update({ ...s.customers.byId('c1')!, notes: '老客户' })
    expect(s.customers.byName(null, '张三').map(c => [c.id, c.notes])).toEqual([['c1', '老客户'], ['c2', null]])
  })

  it('products: a spelling that is one product\'s name and another\'s alias is the first\'s, in either order', () => {
    const s = createMemoryStore()
    s.products.add(product('p1', '面膜', ['精华']))
    s.products.add(product('p2', '精华', ['面膜']))
    expect(s.products.byName('面膜')?.id).toBe('p1')
    expect(s.products.byName('精华')?.id).toBe('p2')
    s.products.remove('p2')
    expect(s.products.byName('精华')?.id).toBe('p1')
  })

  it('agents: the first one with a contact or a name, as a search of the list finds', () => {
    const s = createMemoryStore()
    s.agents.add({ ...agent, id: 'a1' })
    s.agents.add({ ...agent, id: 'a2' })
    expect([s.agents.byName('小王')?.id, s.agents.byContact('wx-a1')?.id]).toEqual(['a1', 'a1'])
  })

  it('customers named so, by a name or an alias, each once: by any agent, or by one', () => {
    const s = createMemoryStore()
    s.customers.add(aCustomer({ id: 'c1', agentId: 'a1', name: '张三', aliases: ['张三'] }))
    s.customers.add(aCustomer({ id: 'c2', agentId: null, name: '老张', aliases: ['张三'] }))
    s.customers.add(aCustomer({ id: 'c3', agentId: 'a2', name: '李四' }))
    expect(s.customers.named('张三').map(c => c.id)).toEqual(['c1', 'c2'])
    expect([s.customers.byName('a1', '张三'), s.customers.byName(null, '张三'), s.customers.byName('a2', '张三')].map(l => l.map(c => c.id))).toEqual([['c1'], ['c2'], []])
  })

  it('outbox entries in one state in the order planned, one sent back to planned included', () => {
    const s = createMemoryStore()
    s.outbox.add(anOutboxEntry({ id: 'e1', dedupeKey: 'k1', plannedAt: '2026-11-23T01:00:00.000Z' }))
    s.outbox.add(anOutboxEntry({ id: 'e2', dedupeKey: 'k2', plannedAt: '2026-11-23T02:00:00.000Z' }))
    s.outbox.update({ ...s.outbox.get('e1')!, status: 'sending' })
    s.outbox.update({ ...s.outbox.get('e1')!, status: 'planned', attempts: 1 })
    expect(s.outbox.withStatus('planned').map(e => e.id)).toEqual(['e1', 'e2'])
  })

  it('orders whose ids are not their numbers are found by id and by number', () => {
    const s = createMemoryStore()
    s.orders.add(anOrder({ id: 'legacy-7', no: 7, customerId: 'c1' }))
    s.orders.add(anOrder({ id: 'o8', no: 8, customerId: 'c1' }))
    expect(s.orders.byId('legacy-7')?.no).toBe(7)
    expect(s.orders.byNo(7)?.id).toBe('legacy-7')
    expect(s.orders.byId('o7')).toBeUndefined()
    expect(s.orders.byId('o8')?.no).toBe(8)
  })
})
