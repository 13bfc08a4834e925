/** The reactivation planner on plain data: who may get one, how often, which template. */
import { describe, expect, it } from 'vitest'
import { formatPlan } from '../../../src/domain/outreach/format-plan.js'
import { DEFAULT_REACTIVATION_TEMPLATES, planReactivation, type ReactivateCandidate } from '../../../src/domain/outreach/reactivate.js'

const c = (over: Partial<ReactivateCandidate> & { customerId: string }): ReactivateCandidate => ({
  name: over.customerId, contactId: `wx-${over.customerId}`, optedOut: false, lastProduct: '面膜', daysSince: 80, valueRank: 0, previous: 0, lastOn: null, ...over,
})
const templates = ['A {name}', 'B {name}', 'C {name}']
const plan = (candidates: ReactivateCandidate[], max = 50) => planReactivation({ today: '2026-11-23', candidates, templates, minDays: 30, max })

describe('planReactivation', () => {
  it.each([
    ['a linked dormant customer: one message', c({ customerId: 'c1' }), ['A c1']],
    ['not linked: nothing', c({ customerId: 'c1', contactId: null }), []],
    ['opted out: nothing', c({ customerId: 'c1', optedOut: true }), []],
    ['last one 29 days ago: nothing', c({ customerId: 'c1', previous: 1, lastOn: '2026-10-25' }), []],
    ['last one 30 days ago: the next template', c({ customerId: 'c1', previous: 1, lastOn: '2026-10-24' }), ['B c1']],
    ['after the last template: the first again', c({ customerId: 'c1', previous: 3, lastOn: '2026-01-01' }), ['A c1']],
  ] as const)('%s', (_, candidate, texts) => {
    expect(plan([candidate]).map(m => m.text)).toEqual(texts)
  })

  it('keeps the most valuable up to the cap, keyed per customer and day', () => {
    const messages = plan([c({ customerId: 'c1', valueRank: 1 }), c({ customerId: 'c2', valueRank: 0 })], 1)
    expect(messages.map(m => [m.dedupeKey, m.customerId, m.to.contactId])).toEqual([['reactivate:c2:2026-11-23', 'c2', 'wx-c2']])
  })

  it('spreads the messages evenly over the sending window', () => {
    const fromMs = Date.parse('2026-11-23T02:00:00.000Z')
    const messages = planReactivation({ today: '2026-11-23', candidates: ['c1', 'c2', 'c3'].map(id => c({ customerId: id })), templates, minDays: 30, max: 50, spread: { fromMs, untilMs: fromMs + 3 * 3_600_000 } })
    expect(messages.map(m => m.notBefore)).toEqual(['2026-11-23T02:00:00.000Z', '2026-11-23T03:00:00.000Z', '2026-11-23T04:00:00.000Z'])
  })

  it('reads as a plan with the default templates', () => {
    const messages = planReactivation({ today: '2026-11-23', candidates: [c({ customerId: 'c1', name: '王五', daysSince: 114 })], templates: DEFAULT_REACTIVATION_TEMPLATES, minDays: 30, max: 50 })
    expect(formatPlan(messages)).toMatchSnapshot()
  })
})
