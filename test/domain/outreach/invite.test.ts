/** The invite plan: who is invited, who is left alone, and how records move. */
import { describe, expect, it } from 'vitest'
import { afterMembership, planInvites, sameTopic, type InviteCandidate, type InviteRecord } from '../../../src/domain/outreach/invite.js'

const room = { id: 'vip@chatroom', topic: 'VIP客户群', memberIds: ['wx-in'] }
const cand = (customerId: string, over: Partial<InviteCandidate> = {}): InviteCandidate =>
  ({ customerId, name: customerId, contactId: `wx-${customerId}`, optedOut: false, valueRank: 0, ...over })
const rec = (customerId: string, status: InviteRecord['status']): InviteRecord =>
  ({ customerId, roomId: room.id, contactId: `wx-${customerId}`, status, updatedAt: '2026-11-20T00:00:00.000Z' })

describe('planInvites', () => {
  it.each([
    ['a linked, subscribed loyal customer', cand('a'), [], ['a']],
    ['no linked contact', cand('a', { contactId: null }), [], []],
    ['opted out', cand('a', { optedOut: true }), [], []],
    ['already in the room', cand('in', { contactId: 'wx-in' }), [], []],
    ['already invited', cand('a'), [rec('a', 'invited')], []],
    ['left the room', cand('a'), [rec('a', 'left')], []],
    ['failed before', cand('a'), [rec('a', 'failed')], []],
    ['declined', cand('a'), [rec('a', 'declined')], []],
    ['planned but not sent yet (same dedupe key)', cand('a'), [rec('a', 'planned')], ['a']],
  ] as const)('%s', (_, c, records, invited) => {
    const plan = planInvites({ candidates: [c], room, records, max: 20 })
    expect(plan.messages.map(m => m.customerId)).toEqual(invited)
  })

  it('invites the most valuable first, up to the cap, once per customer and room', () => {
    const plan = planInvites({ candidates: [cand('a', { valueRank: 2 }), cand('b', { valueRank: 0 }), cand('c', { valueRank: 1 })], room, records: [], max: 2 })
    expect(plan.messages.map(m => [m.customerId, m.dedupeKey, m.kind, m.to])).toEqual([
      ['b', 'invite:b:vip@chatroom', 'invite', { roomId: room.id, contactId: 'wx-b' }],
      ['c', 'invite:c:vip@chatroom', 'invite', { roomId: room.id, contactId: 'wx-c' }],
    ])
  })

  it('reports members without a joined record, the unreachable and the skipped', () => {
    const plan = planInvites({ candidates: [cand('in', { contactId: 'wx-in' }), cand('x', { contactId: null }), cand('l')], room, records: [rec('l', 'left')], max: 20 })
    expect([plan.alreadyIn, plan.unreachable, plan.skipped]).toEqual([['in'], 1, 1])
  })
})

describe('afterMembership', () => {
  it.each([
    ['planned', 'join', 'joined'],
    ['invited', 'join', 'joined'],
    ['joined', 'leave', 'left'],
    ['invited', 'leave', 'left'],
    ['left', 'join', 'left'],
  ] as const)('%s + %s → %s', (from, event, to) => {
    expect(afterMembership(rec('a', from), event, '2026-11-23T00:00:00.000Z').status).toBe(to)
  })
})

it('compares topics after NFKC', () => {
  expect(sameTopic('ＶＩＰ客户群', 'VIP客户群 ')).toBe(true)
  expect(sameTopic('VIP客户群', 'VIP群')).toBe(false)
})
