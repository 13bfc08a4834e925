import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../../src/adapters/store/memory-store.js'
import { dbSchema } from '../../../src/adapters/store/schema.js'
import { planMessages } from '../../../src/app/outbox/plan-messages.js'
import type { OutboundMessage } from '../../../src/domain/outreach/outbound.js'

const NOW = new Date('2026-11-23T02:00:00.000Z')
const ok: OutboundMessage = { kind: 'perk', to: { contactId: 'wx-c1', roomId: '' }, text: '第10单福利', dedupeKey: 'perk:c1:10th', customerId: '' }

describe('planning messages into the outbox', () => {
  it('adds each dedupe key once, due at once, and leaves out messages that cannot be sent', () => {
    const store = createMemoryStore()
    const bad: OutboundMessage[] = [
      { ...ok, dedupeKey: 'a', to: {} },
      { ...ok, dedupeKey: 'b', to: { contactId: '' } },
      { kind: 'perk', to: { contactId: 'wx' }, dedupeKey: 'c' },
      { ...ok, dedupeKey: 'd', file: { name: '', ref: 'x' } },
      { ...ok, dedupeKey: '' },
    ]
    const r = planMessages(store, [ok, ok, ...bad], NOW)
    expect(r).toMatchObject({ duplicates: 1, invalid: 5 })
    expect(r.added.map(e => e.id)).toEqual(['ob1'])
    expect(store.outbox.all()).toEqual([{
      id: 'ob1', dedupeKey: 'perk:c1:10th', kind: 'perk', to: { contactId: 'wx-c1' }, text: '第10单福利',
      status: 'planned', attempts: 0, plannedAt: NOW.toISOString(), nextAttemptAt: NOW.toISOString(),
    }])
    // What is planned always passes the check the database file gets on load.
    expect(dbSchema.safeParse(store.data()).success).toBe(true)
  })
})
