/**
 * The `invite` plan (DESIGN.md §7, WECHATY.md §6.8): loyal customers who are linked contacts of the bot
 * account and not yet in the VIP room get one room invitation, ever. Pure.
 */
import { dedupeKey, type OutboundMessage } from './outbound.js'

/** planned → invited → joined | failed | declined; `left` once they leave the room (never invited again). */
export type InviteStatus = 'planned' | 'invited' | 'joined' | 'failed' | 'declined' | 'left'

/** One customer's invitation to one room, as stored. */
export interface InviteRecord {
  customerId: string
  roomId: string
  contactId: string
  status: InviteStatus
  /** ISO instant of the last change. */
  updatedAt: string
}

/** A loyal customer the job looks at. */
export interface InviteCandidate {
  customerId: string
  name: string
  contactId: string | null
  optedOut: boolean
  /** Place in the merchant's value order (0 = most valuable). */
  valueRank: number
}

/** What the invite plan needs: the candidates, the room with its members, and the records so far. */
export interface InviteInput {
  candidates: readonly InviteCandidate[]
  room: { id: string, topic: string, memberIds: readonly string[] }
  /** Existing records for this room. */
  records: readonly InviteRecord[]
  /** At most this many per run (the day's cap), most valuable first. */
  max: number
}

/** Who to invite, and what became of the others. */
export interface InvitePlan {
  messages: OutboundMessage[]
  /** Customers already in the room: recorded as joined. */
  alreadyIn: string[]
  /** Not reachable (no linked contact or opted out). */
  unreachable: number
  /** Left out because of a record (invited, joined, left, failed, declined). */
  skipped: number
}

/** The invitation outbox entry for one customer: its dedupe key never changes, so one invitation ever. */
export function inviteMessage(c: { customerId: string, name: string, contactId: string }, room: { id: string, topic: string }): OutboundMessage {
  return {
    kind: 'invite',
    to: { roomId: room.id, contactId: c.contactId },
    text: `邀请 ${c.name} 加入「${room.topic}」`,
    dedupeKey: dedupeKey('invite', c.customerId, room.id),
    customerId: c.customerId,
  }
}

/** Who to invite now. */
export function planInvites(input: InviteInput): InvitePlan {
  const members = new Set(input.room.memberIds)
  const recorded = new Map(input.records.map(r => [r.customerId, r]))
  const plan: InvitePlan = { messages: [], alreadyIn: [], unreachable: 0, skipped: 0 }
  const eligible: (InviteCandidate & { contactId: string })[] = []
  for (const c of input.candidates) {
    if (c.contactId === null || c.optedOut) plan.unreachable++
    else if (members.has(c.contactId)) {
      if (recorded.get(c.customerId)?.status !== 'joined') plan.alreadyIn.push(c.customerId)
    }
    else if (recorded.has(c.customerId) && recorded.get(c.customerId)!.status !== 'planned') plan.skipped++
    else eligible.push({ ...c, contactId: c.contactId })
  }
  eligible.sort((a, b) => a.valueRank - b.valueRank || a.customerId.localeCompare(b.customerId))
  plan.messages = eligible.slice(0, Math.max(0, input.max)).map(c => inviteMessage(c, input.room))
  return plan
}

/** The record after the room's membership changed: joins complete invitations, leaves are final. */
export function afterMembership(record: InviteRecord, event: 'join' | 'leave', at: string): InviteRecord {
  if (event === 'leave') return record.status === 'left' ? record : { ...record, status: 'left', updatedAt: at }
  return record.status === 'left' || record.status === 'joined' ? record : { ...record, status: 'joined', updatedAt: at }
}

/** Compares room topics as people see them (full-width and half-width forms alike). */
export function sameTopic(a: string, b: string): boolean {
  return a.normalize('NFKC').trim() === b.normalize('NFKC').trim()
}
