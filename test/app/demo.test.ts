/** The demo merchant that `npm run demo` writes: rich enough to show every group at once. */
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { classifyStore } from '../../src/app/segments/reclassify.js'
import { suggestedKind } from '../../src/domain/customer/kind.js'
import { DEFAULT_GRADE_TABLE, gradeProspect } from '../../src/domain/customer/prospect.js'
import { DEFAULT_POLICY } from '../../src/domain/segment/policy.js'
import { demoContacts, seedDemo } from '../../src/sim/demo-merchant.js'

describe('demo merchant', () => {
  it('has agents, hundreds of customers, two years of orders and all four groups and tiers', () => {
    const store = createMemoryStore()
    const report = seedDemo(store, { today: '2026-11-23', customers: 360, seed: 2026 })
    expect(report.agents).toBe(3)
    expect(report.customers).toBe(360)
    const dates = store.orders.all().map(o => o.placedOn).sort()
    expect(dates[0]! < '2025-01-23').toBe(true)
    expect(dates.at(-1)! <= '2026-11-23').toBe(true)
    const c = classifyStore(store, '2026-11-23', DEFAULT_POLICY)
    for (const g of ['loyal', 'fast_growing', 'dormant', 'nurture'] as const) expect(c.customers.filter(x => x.group === g).length, g).toBeGreaterThan(10)
    for (const t of ['A', 'B', 'C', 'D'] as const) expect(c.customers.some(x => x.tier === t)).toBe(true)
    expect(c.customers.some(x => x.credit !== 'A')).toBe(true)
    expect(new Set(store.customers.all().map(x => x.name)).size).toBe(360 + report.prospects)
    // A catalogue with every cost, so profit is exact: no revenue is left without a cost.
    expect(store.products.all().every(p => p.costFen !== null && p.lines > 0)).toBe(true)
    expect(c.margin).toBeGreaterThan(0.5)
    expect(c.uncostedFen).toBe(0)
  })

  it('has tags, businesses, referrals and prospects of every grade, some not yet assigned', () => {
    const store = createMemoryStore()
    const report = seedDemo(store, { today: '2026-11-23', customers: 360, seed: 2026 })
    const all = store.customers.all()
    expect(all.filter(c => c.tags.length > 0).length).toBeGreaterThan(100)
    expect(all.filter(c => suggestedKind(c.name) === 'business').length).toBeGreaterThan(3)
    expect(all.filter(c => c.referredBy !== undefined).length).toBeGreaterThan(20)
    expect(new Set(all.flatMap(c => c.region?.province ?? [])).size).toBeGreaterThan(5)
    const prospects = all.filter(c => c.prospect)
    expect(prospects).toHaveLength(report.prospects)
    expect(prospects.every(c => store.orders.ofCustomer(c.id).length === 0)).toBe(true)
    expect(prospects.some(c => c.agentId === null)).toBe(true)
    const products = store.products.all().map(p => p.name)
    const grades = new Set(prospects.map(c => gradeProspect({ info: c.prospect!, products, referredByGood: false, today: '2026-11-23', dayOf: at => at.slice(0, 10) }, { table: DEFAULT_GRADE_TABLE, decayDays: 30, referralLift: true }).grade))
    expect([...grades].sort()).toEqual(['A', 'B', 'C'])
  })

  it('is the same every time', () => {
    const a = createMemoryStore()
    const b = createMemoryStore()
    seedDemo(a, { today: '2026-11-23', customers: 60, seed: 1 })
    seedDemo(b, { today: '2026-11-23', customers: 60, seed: 1 })
    expect(a.orders.all()).toEqual(b.orders.all())
  })
})

describe('the demo merchant\'s WeChat contacts', () => {
  it('links some customers of every group and puts two loyal ones in the VIP room', () => {
    const store = createMemoryStore()
    seedDemo(store, { today: '2026-11-23', customers: 360, seed: 2026 })
    const c = classifyStore(store, '2026-11-23', DEFAULT_POLICY)
    const { linked, inVipRoom } = demoContacts(c.customers)
    const groupOf = new Map(c.customers.map(x => [x.customerId, x.group]))
    const count = (g: string): number => linked.filter(id => groupOf.get(id) === g).length
    expect([count('loyal'), count('fast_growing'), count('nurture'), count('dormant')]).toEqual([8, 4, 4, 12])
    expect(new Set(linked).size).toBe(linked.length)
    expect(inVipRoom).toHaveLength(2)
    expect(inVipRoom.every(id => linked.includes(id) && groupOf.get(id) === 'loyal')).toBe(true)
    expect(demoContacts(c.customers)).toEqual({ linked, inVipRoom })
  })

  it('links fewer when a group is small', () => {
    const few = [{ customerId: 'c1', group: 'loyal' as const }, { customerId: 'c2', group: 'dormant' as const }]
    expect(demoContacts(few)).toEqual({ linked: ['c1', 'c2'], inVipRoom: ['c1'] })
    const three = ['a', 'b', 'c'].map(customerId => ({ customerId, group: 'loyal' as const }))
    expect(demoContacts(three)).toEqual({ linked: ['a', 'b', 'c'], inVipRoom: ['a', 'b'] })
  })
})
