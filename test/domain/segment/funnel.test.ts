/** The funnel's monthly steps on plain data. */
import { describe, expect, it } from 'vitest'
import { funnelMonth, type FunnelPerson } from '../../../src/domain/segment/funnel.js'

const p = (over: Partial<FunnelPerson>): FunnelPerson => ({ prospectSince: null, orderDays: [], loyalSince: null, ...over })
const NOV = ['2026-11-01', '2026-11-30'] as const

describe('funnelMonth', () => {
  it.each([
    ['a prospect from October who ordered in November: moved', p({ prospectSince: '2026-10-20', orderDays: ['2026-11-05'] }), { toNew: [1, 1], toReturning: [1, 0], toLoyal: [0, 0] }],
    ['a prospect from November who has not ordered: could have', p({ prospectSince: '2026-11-20' }), { toNew: [1, 0], toReturning: [0, 0], toLoyal: [0, 0] }],
    ['a prospect who ordered in October: not in November\'s base', p({ prospectSince: '2026-10-01', orderDays: ['2026-10-10'] }), { toNew: [0, 0], toReturning: [1, 0], toLoyal: [0, 0] }],
    ['a prospect first seen in December: not yet', p({ prospectSince: '2026-12-02' }), { toNew: [0, 0], toReturning: [0, 0], toLoyal: [0, 0] }],
    ['first order in October, second in November', p({ orderDays: ['2026-10-03', '2026-11-10'] }), { toNew: [0, 0], toReturning: [1, 1], toLoyal: [1, 0] }],
    ['both orders in November', p({ orderDays: ['2026-11-03', '2026-11-10'] }), { toNew: [0, 0], toReturning: [1, 1], toLoyal: [1, 0] }],
    ['second order before November, loyal in November', p({ orderDays: ['2026-08-01', '2026-09-01', '2026-10-01'], loyalSince: '2026-11-02' }), { toNew: [0, 0], toReturning: [0, 0], toLoyal: [1, 1] }],
    ['loyal before the months looked at', p({ orderDays: ['2026-08-01', '2026-09-01'], loyalSince: 'before' }), { toNew: [0, 0], toReturning: [0, 0], toLoyal: [0, 0] }],
    ['loyal in October: not in November\'s base', p({ orderDays: ['2026-08-01', '2026-09-01'], loyalSince: '2026-10-15' }), { toNew: [0, 0], toReturning: [0, 0], toLoyal: [0, 0] }],
  ] as const)('%s', (_, person, want) => {
    const m = funnelMonth([person], ...NOV)
    expect({ toNew: [m.toNew.base, m.toNew.moved], toReturning: [m.toReturning.base, m.toReturning.moved], toLoyal: [m.toLoyal.base, m.toLoyal.moved] }).toEqual(want)
  })

  it('adds people up', () => {
    const m = funnelMonth([p({ prospectSince: '2026-10-20', orderDays: ['2026-11-05'] }), p({ prospectSince: '2026-11-20' })], ...NOV)
    expect(m.toNew).toEqual({ base: 2, moved: 1 })
  })
})
