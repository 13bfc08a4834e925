/** The Store contract: every implementation must pass it (run by memory-store and file-store tests). */
import { describe, expect, it } from 'vitest'
import type { Store } from '../../src/domain/ports.js'
import { aCustomer, anOrder, anOutboxEntry } from '../helpers/builders.js'
import { addFullRecords, expectFullRecords } from '../helpers/full-records.js'

export interface StoreFactory {
  /** A new, empty store. */
  open(): Promise<Store>
  /** The same data seen again after everything committed (a restart, for durable stores). */
  reopen(store: Store): Promise<Store>
}

export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    it('finds customers by id, phone, external id, and by name or alias within an agent', async () => {
      const s = await factory.open()
      s.customers.add(aCustomer({ id: 'c1', agentId: 'a1', name: '张三', aliases: ['三哥'], phone: '13800138000', externalId: 'X1' }))
      s.customers.add(aCustomer({ id: 'c2', agentId: 'a2', name: '张三' }))
      expect(s.customers.byId('c1')?.name).toBe('张三')
      expect(s.customers.byPhone('13800138000')?.id).toBe('c1')
      expect(s.customers.byExternalId('X1')?.id).toBe('c1')
      expect(s.customers.byName('a1', '三哥').map(c => c.id)).toEqual(['c1'])
      expect(s.customers.byName('a2', '张三').map(c => c.id)).toEqual(['c2'])
      expect(s.customers.byName('a1', '李四')).toEqual([])
      expect(s.customers.named('张三').map(c => c.id)).toEqual(['c1', 'c2'])
      expect(s.customers.named('三哥').map(c => c.id)).toEqual(['c1'])
      expect(s.customers.byPhone('13900000000')).toBeUndefined()
    })

    it('re-indexes a customer on update (new phone, new name)', async () => {
      const s = await factory.open()
      s.customers.add(aCustomer({ id: 'c1', name: '张三', phone: '13800138000' }))
      s.customers.update(aCustomer({ id: 'c1', name: '张三丰', phone: '13900139000' }))
      expect(s.customers.byPhone('13800138000')).toBeUndefined()
      expect(s.customers.byPhone('13900139000')?.name).toBe('张三丰')
      expect(s.customers.byName(null, '张三')).toEqual([])
      expect(s.customers.byName(null, '张三丰').map(c => c.id)).toEqual(['c1'])
      expect(s.customers.all()).toHaveLength(1)
    })

    it('answers the app\'s questions: a contact\'s customer, an agent\'s customers (kept in place on update), a day\'s orders', async () => {
      const s = await factory.open()
      s.customers.add(aCustomer({ id: 'c1', agentId: 'a1', contactId: 'wx-c1' }))
      s.customers.add(aCustomer({ id: 'c2', agentId: 'a1', name: '李四' }))
      s.customers.add(aCustomer({ id: 'c3', name: '王五' }))
      s.customers.update({ ...s.customers.byId('c1')!, notes: '老客户' })
      expect(s.customers.ofAgent('a1').map(c => [c.id, c.notes])).toEqual([['c1', '老客户'], ['c2', null]])
      expect(s.customers.ofAgent(null).map(c => c.id)).toEqual(['c3'])
      expect(s.customers.byContact('wx-c1')?.id).toBe('c1')
      // Handed to another agent, and linked to another contact: every index follows.
      s.customers.update({ ...s.customers.byId('c1')!, agentId: 'a2', contactId: 'wx-new' })
      expect(s.customers.ofAgent('a1').map(c => c.id)).toEqual(['c2'])
      expect(s.customers.ofAgent('a2').map(c => c.id)).toEqual(['c1'])
      expect(s.customers.byContact('wx-c1')).toBeUndefined()
      expect(s.customers.byContact('wx-new')?.id).toBe('c1')
      s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1', placedOn: '2026-11-20' }))
      s.orders.add(anOrder({ id: 'o2', no: 2, customerId: 'c2', placedOn: '2026-11-21' }))
      s.orders.add(anOrder({ id: 'o3', no: 3, customerId: 'c3', placedOn: '2026-11-20' }))
      expect(s.orders.placedOn('2026-11-20').map(o => o.id)).toEqual(['o1', 'o3'])
      await s.commit()
      const again = await factory.reopen(s)
      expect(again.customers.ofAgent('a2').map(c => c.id)).toEqual(['c1'])
      expect(again.customers.byContact('wx-new')?.id).toBe('c1')
      expect(again.orders.placedOn('2026-11-21').map(o => o.id)).toEqual(['o2'])
    })

    it('answers the books\' questions: an admin by contact, the outbox by state and customer, a room\'s invitations, the last snapshot', async () => {
      const s = await factory.open()
      s.admins.add({ contactId: 'wx-boss', name: '老板', boundAt: '2026-11-01T00:00:00.000Z' })
      expect(s.admins.byContact('wx-boss')?.name).toBe('老板')
      expect(s.admins.byContact('wx-other')).toBeUndefined()
      s.outbox.add(anOutboxEntry({ id: 'e1', customerId: 'c1' }))
      s.outbox.add(anOutboxEntry({ id: 'e2', customerId: 'c2' }))
      s.outbox.add(anOutboxEntry({ id: 'e3', customerId: 'c1', status: 'sending' }))
      s.outbox.update({ ...s.outbox.get('e1')!, status: 'sent', sentAt: '2026-11-23T01:00:05.000Z' })
      expect(s.outbox.withStatus('planned').map(e => e.id)).toEqual(['e2'])
      expect(s.outbox.withStatus('sending').map(e => e.id)).toEqual(['e3'])
      expect(s.outbox.ofCustomer('c1').map(e => [e.id, e.status])).toEqual([['e1', 'sent'], ['e3', 'sending']])
      s.invites.put({ customerId: 'c1', roomId: 'r1', contactId: 'wx-c1', status: 'invited', updatedAt: '2026-11-23T01:00:00.000Z' })
      s.invites.put({ customerId: 'c2', roomId: 'r2', contactId: 'wx-c2', status: 'invited', updatedAt: '2026-11-23T01:00:00.000Z' })
      expect(s.invites.ofRoom('r1').map(r => r.customerId)).toEqual(['c1'])
      expect(s.snapshots.latest()).toBeUndefined()
      const counts = { groups: { loyal: 0, fast_growing: 0, dormant: 0, nurture: 1 }, tiers: { A: 0, B: 1, C: 0, D: 0 } }
      s.snapshots.add({ asOf: '2026-11-22', ranAt: '2026-11-22T18:00:00.000Z', method: 'mle', customers: 1, ...counts })
      s.snapshots.add({ asOf: '2026-11-23', ranAt: '2026-11-23T18:00:00.000Z', method: 'mle', customers: 1, ...counts })
      expect(s.snapshots.latest()?.asOf).toBe('2026-11-23')
    })

    it('finds orders by source, customer, number and the sender\'s last active one', async () => {
      const s = await factory.open()
      s.customers.add(aCustomer({ id: 'c1' }))
      s.customers.add(aCustomer({ id: 'c2', name: '李四' }))
      s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1', sourceMessageId: 'm1' }))
      s.orders.add(anOrder({ id: 'o2', no: 2, customerId: 'c2', sourceMessageId: 'm1' }))
      s.orders.add(anOrder({ id: 'o3', no: 3, customerId: 'c1', sourceMessageId: 'm2', status: 'cancelled' }))
      expect(s.orders.bySource('m1').map(o => o.id)).toEqual(['o1', 'o2'])
      expect(s.orders.bySource('nope')).toEqual([])
      expect(s.orders.ofCustomer('c1').map(o => o.id)).toEqual(['o1', 'o3'])
      expect(s.orders.byNo(2)?.id).toBe('o2')
      expect(s.orders.lastRecordedBy('wx-agent')?.id).toBe('o2')
      expect(s.orders.lastRecordedBy('someone-else')).toBeUndefined()
    })

    it('refuses to change an order\'s number', async () => {
      const s = await factory.open()
      s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
      expect(() => s.orders.update({ ...s.orders.byId('o1')!, no: 7 })).toThrow()
      expect(s.orders.byNo(1)?.id).toBe('o1')
    })

    it('moves an order to another customer on update', async () => {
      const s = await factory.open()
      s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
      s.orders.update(anOrder({ id: 'o1', no: 1, customerId: 'c2', amountFen: 100 }))
      expect(s.orders.ofCustomer('c1')).toEqual([])
      expect(s.orders.ofCustomer('c2').map(o => o.amountFen)).toEqual([100])
      expect(s.orders.bySource('m-o1')[0]?.customerId).toBe('c2')
    })

    it('keeps pending drafts one per key', async () => {
      const s = await factory.open()
      const draft = { key: 'k', senderId: 'u', agentId: null, sourceMessageId: 'm', placedOn: '2026-11-23', createdAt: '2026-11-23T00:00:00.000Z', drafts: [] }
      s.pending.put(draft)
      s.pending.put({ ...draft, sourceMessageId: 'm2' })
      expect(s.pending.get('k')?.sourceMessageId).toBe('m2')
      s.pending.remove('k')
      expect(s.pending.get('k')).toBeUndefined()
    })

    it('keeps one segment per customer, transitions by day, and snapshots in order', async () => {
      const s = await factory.open()
      const seg = { customerId: 'c1', group: 'nurture' as const, tier: 'B' as const, credit: 'A' as const, atRisk: false, pAlive: 0.9, expected90: 1.2, since: '2026-11-01', asOf: '2026-11-22', reasons: ['r'] }
      s.segments.put(seg)
      s.segments.put({ ...seg, group: 'dormant', since: '2026-11-23', asOf: '2026-11-23' })
      expect(s.segments.all()).toHaveLength(1)
      expect(s.segments.get('c1')?.group).toBe('dormant')
      s.transitions.add({ on: '2026-11-23', customerId: 'c1', from: 'nurture', to: 'dormant' })
      s.transitions.add({ on: '2026-11-22', customerId: 'c2', from: null, to: 'loyal' })
      expect(s.transitions.on('2026-11-23').map(t => t.customerId)).toEqual(['c1'])
      const groups = { loyal: 0, fast_growing: 0, dormant: 1, nurture: 0 }
      s.snapshots.add({ asOf: '2026-11-22', ranAt: '2026-11-22T18:00:00.000Z', method: 'mle', customers: 1, groups, tiers: { A: 0, B: 1, C: 0, D: 0 } })
      s.snapshots.add({ asOf: '2026-11-23', ranAt: '2026-11-23T18:00:00.000Z', method: 'mle', customers: 1, groups, tiers: { A: 0, B: 1, C: 0, D: 0 } })
      expect(s.snapshots.all().map(x => x.asOf)).toEqual(['2026-11-22', '2026-11-23'])
      await s.commit()
      const again = await factory.reopen(s)
      expect(again.segments.get('c1')?.since).toBe('2026-11-23')
      expect(again.transitions.on('2026-11-22')).toHaveLength(1)
      expect(again.snapshots.all()).toHaveLength(2)
      again.snapshots.keepLast(1)
      expect(again.snapshots.all().map(x => x.asOf)).toEqual(['2026-11-23'])
    })

    it('finds payments by customer', async () => {
      const s = await factory.open()
      const p = { sourceMessageId: 'm', agentId: null, amountFen: 1, receivedOn: '2026-11-23', recordedAt: '2026-11-23T00:00:00.000Z', applied: [] }
      s.payments.add({ ...p, id: 'p1', customerId: 'c1' })
      s.payments.add({ ...p, id: 'p2', customerId: 'c2' })
      s.payments.add({ ...p, id: 'p3', customerId: 'c1' })
      expect(s.payments.ofCustomer('c1').map(x => x.id)).toEqual(['p1', 'p3'])
      expect(s.payments.ofCustomer('c3')).toEqual([])
    })

    it('keeps settings and counts every change in its revision', async () => {
      const s = await factory.open()
      const before = s.revision()
      s.settings.set('vipRoom', 'VIP客户群')
      s.customers.add(aCustomer({ id: 'c1' }))
      expect(s.revision()).toBe(before + 2)
      expect(s.settings.get('vipRoom')).toBe('VIP客户群')
      expect(s.settings.get('nope')).toBeUndefined()
      await s.commit()
      const again = await factory.reopen(s)
      expect(again.settings.all()).toEqual({ vipRoom: 'VIP客户群' })
    })

    it('counts every change, of any collection, and no read', async () => {
      const s = await factory.open()
      const at = '2026-11-23T00:00:00.000Z'
      let before = s.changeCount()
      const changes: [string, () => unknown][] = [
        ['settings', () => s.settings.set('vipRoom', 'VIP')],
        ['customer', () => s.customers.add(aCustomer({ id: 'c1' }))],
        ['handled', () => s.handled.add('m1', at)],
        ['outbox', () => s.outbox.add(anOutboxEntry({ id: 'ob1', dedupeKey: 'k1' }))],
        ['job run', () => s.jobRuns.set('digest', at)],
        ['counter', () => s.nextSeq('order')],
        ['admin', () => s.admins.add({ contactId: 'wx-a', name: '老板', boundAt: at })],
      ]
      for (const [what, change] of changes) {
        change()
        expect(s.changeCount(), what).toBeGreaterThan(before)
        before = s.changeCount()
      }
      s.customers.all()
      s.handled.has('m1')
      s.outbox.withStatus('planned')
      // Adding what is there already changes nothing.
      s.handled.add('m1', at)
      s.outbox.add(anOutboxEntry({ id: 'ob2', dedupeKey: 'k1' }))
      expect(s.changeCount()).toBe(before)
    })

    it('remembers handled message ids once', async () => {
      const s = await factory.open()
      s.handled.add('m1', '2026-11-23T00:00:00.000Z')
      s.handled.add('m1', '2026-11-23T00:00:01.000Z')
      expect(s.handled.has('m1')).toBe(true)
      expect(s.handled.has('m2')).toBe(false)
    })

    it('plans an outbox entry once per dedupe key, finds it by id and key, and keeps its updates', async () => {
      const s = await factory.open()
      const before = s.revision()
      expect(s.outbox.add(anOutboxEntry({ id: 'ob1', dedupeKey: 'nudge:wx-wang:2026-11-23' }))).toBe(true)
      expect(s.outbox.add(anOutboxEntry({ id: 'ob2', dedupeKey: 'nudge:wx-wang:2026-11-23', text: '又一条' }))).toBe(false)
      expect(s.outbox.add(anOutboxEntry({ id: 'ob3', dedupeKey: 'digest:wx-boss:2026-11-23', kind: 'digest', to: { roomId: 'r@chatroom' } }))).toBe(true)
      expect(s.outbox.all().map(e => e.id)).toEqual(['ob1', 'ob3'])
      expect(s.outbox.byKey('nudge:wx-wang:2026-11-23')?.text).toBe('你好')
      expect(s.outbox.get('ob2')).toBeUndefined()
      s.outbox.update({ ...s.outbox.get('ob1')!, status: 'sent', attempts: 1, sentAt: '2026-11-23T01:00:05.000Z' })
      expect(s.outbox.byKey('nudge:wx-wang:2026-11-23')?.status).toBe('sent')
      // Sending messages is not a change the classification reads: its cache stays.
      expect(s.revision()).toBe(before)
      expect(() => s.outbox.update(anOutboxEntry({ id: 'nope' }))).toThrow()
      await s.commit()
      const again = await factory.reopen(s)
      expect(again.outbox.all().map(e => [e.id, e.status])).toEqual([['ob1', 'sent'], ['ob3', 'planned']])
      expect(again.outbox.get('ob3')?.to).toEqual({ roomId: 'r@chatroom' })
      expect(again.outbox.add(anOutboxEntry({ id: 'ob4', dedupeKey: 'digest:wx-boss:2026-11-23' }))).toBe(false)
      expect(again.outbox.all()).toHaveLength(2)
    })

    it('remembers when each job last ran', async () => {
      const s = await factory.open()
      expect(s.jobRuns.get('reclassify')).toBeUndefined()
      const before = s.revision()
      s.jobRuns.set('reclassify', '2026-11-22T18:00:00.000Z')
      s.jobRuns.set('reclassify', '2026-11-23T18:00:00.000Z')
      s.jobRuns.set('digest', '2026-11-23T01:00:00.000Z')
      expect(s.revision()).toBe(before)
      await s.commit()
      const again = await factory.reopen(s)
      expect(again.jobRuns.get('reclassify')).toBe('2026-11-23T18:00:00.000Z')
      expect(again.jobRuns.all()).toEqual({ reclassify: '2026-11-23T18:00:00.000Z', digest: '2026-11-23T01:00:00.000Z' })
    })

    it('keeps one invitation record per customer and room, across a reopen', async () => {
      const s = await factory.open()
      const before = s.revision()
      s.invites.put({ customerId: 'c1', roomId: 'r@chatroom', contactId: 'wx-1', status: 'planned', updatedAt: '2026-11-23T02:30:00.000Z' })
      s.invites.put({ customerId: 'c1', roomId: 'r@chatroom', contactId: 'wx-1', status: 'invited', updatedAt: '2026-11-23T02:31:00.000Z' })
      s.invites.put({ customerId: 'c2', roomId: 'r@chatroom', contactId: 'wx-2', status: 'left', updatedAt: '2026-11-23T02:32:00.000Z' })
      expect(s.revision()).toBe(before)
      await s.commit()
      const again = await factory.reopen(s)
      expect(again.invites.all().map(r => [r.customerId, r.status])).toEqual([['c1', 'invited'], ['c2', 'left']])
      expect(again.invites.get('c2', 'r@chatroom')?.contactId).toBe('wx-2')
      expect(again.invites.get('c2', 'other@chatroom')).toBeUndefined()
    })

    it('keeps everything committed across a reopen, counters included', async () => {
      const s = await factory.open()
      expect(s.nextSeq('order')).toBe(1)
      expect(s.nextSeq('order')).toBe(2)
      s.agents.add({ id: 'a1', name: '小王', contactId: 'wx-w', addedAt: '2026-11-23T00:00:00.000Z', active: true })
      s.customers.add(aCustomer({ id: 'c1', phone: '13800138000' }))
      s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
      s.payments.add({ id: 'p1', sourceMessageId: 'mp', customerId: 'c1', agentId: null, amountFen: 100, receivedOn: '2026-11-23', recordedAt: '2026-11-23T00:00:00.000Z', applied: [{ orderId: 'o1', amountFen: 100 }] })
      s.refunds.add({ id: 'r1', sourceMessageId: 'mr', customerId: 'c1', agentId: null, orderId: 'o1', amountFen: 50, refundedOn: '2026-11-23', recordedAt: '2026-11-23T00:00:00.000Z' })
      s.admins.add({ contactId: 'wx-boss', name: '老板', boundAt: '2026-11-23T00:00:00.000Z' })
      s.handled.add('m1', new Date().toISOString())
      await s.commit()
      const again = await factory.reopen(s)
      expect(again.agents.byContact('wx-w')?.name).toBe('小王')
      expect(again.customers.byPhone('13800138000')?.id).toBe('c1')
      expect(again.orders.bySource('m-o1')).toHaveLength(1)
      expect(again.payments.ofCustomer('c1')).toHaveLength(1)
      expect(again.refunds.all()).toHaveLength(1)
      expect(again.admins.all().map(a => a.name)).toEqual(['老板'])
      again.admins.remove('wx-boss')
      expect(again.admins.all()).toEqual([])
      expect(again.handled.has('m1')).toBe(true)
      expect(again.nextSeq('order')).toBe(3)
      await again.close()
    })

    it('keeps a record of every collection, every optional field set, identical across a reopen', async () => {
      const s = await factory.open()
      addFullRecords(s)
      await s.commit()
      expectFullRecords(s)
      const again = await factory.reopen(s)
      expectFullRecords(again)
      await again.close()
    })
  })
}
