/**
 * The collections that keep the bot's own books (settings, segments, transitions, snapshots, drafts,
 * admins, the outbox, invitations, job runs, handled message ids), over the state store's data.
 */
import type { InviteRecord } from '../../domain/outreach/invite.js'
import type { OutboxEntry } from '../../domain/outreach/outbox.js'
import type { Store } from '../../domain/ports.js'
import type { Segment, SnapshotMeta, Transition } from '../../domain/types.js'
import type { StateContext } from './state-context.js'
import { putById } from './state-context.js'
import type { DbData } from './schema.js'

export type BookRepos = Pick<Store, 'settings' | 'segments' | 'transitions' | 'snapshots' | 'pending' | 'admins' | 'outbox' | 'invites' | 'jobRuns' | 'handled'>

/** The bookkeeping repositories over the shared state. */
export function createBookRepos(cx: StateContext): BookRepos {
  const { changes } = cx
  return {
  settings: {
    get: (key: string) => cx.data.settings[key],
    set(key: string, value: string) {
      cx.data.settings[key] = value
      changes.main('settings')
    },
    all: () => cx.data.settings,
  },
  segments: {
    all: () => cx.data.segments,
    get: (customerId: string) => cx.ix.segments.get(customerId),
    put(segment: Segment) {
      const old = cx.ix.segments.get(segment.customerId)
      if (old) cx.data.segments[cx.data.segments.indexOf(old)] = segment
      else cx.data.segments.push(segment)
      cx.ix.segments.set(segment.customerId, segment)
      changes.put('segments', segment, old)
    },
  },
  transitions: {
    add(t: Transition) {
      cx.data.transitions.push(t)
      changes.add('transitions', t)
    },
    on: (date: string) => cx.data.transitions.filter(t => t.on === date),
  },
  snapshots: {
    all: () => cx.data.snapshots,
    latest: () => cx.data.snapshots.at(-1),
    add(snapshot: SnapshotMeta) {
      cx.data.snapshots.push(snapshot)
      changes.main('snapshots')
    },
    keepLast(n: number) {
      if (cx.data.snapshots.length > n) cx.data.snapshots = cx.data.snapshots.slice(-n)
      changes.main('snapshots')
    },
  },
  pending: {
    get: (key: string) => cx.data.pending.find(p => p.key === key),
    put(draft: DbData['pending'][number]) {
      cx.data.pending = cx.data.pending.filter(p => p.key !== draft.key)
      cx.data.pending.push(draft)
      changes.main('pending')
    },
    remove(key: string) {
      cx.data.pending = cx.data.pending.filter(p => p.key !== key)
      changes.main('pending')
    },
  },
  admins: {
    all: () => cx.data.admins,
    byContact: (contactId: string) => cx.data.admins.find(a => a.contactId === contactId),
    add(admin: DbData['admins'][number]) {
      cx.data.admins.push(admin)
      changes.main('admins')
    },
    remove(contactId: string) {
      cx.data.admins = cx.data.admins.filter(a => a.contactId !== contactId)
      changes.main('admins')
    },
  },
  outbox: {
    all: () => cx.data.outbox,
    get: (id: string) => cx.ix.outbox.get(id),
    byKey: (key: string) => cx.ix.outboxByKey.get(key),
    withStatus: (status: OutboxEntry['status']) => cx.data.outbox.filter(e => e.status === status),
    ofCustomer: (customerId: string) => cx.data.outbox.filter(e => e.customerId === customerId),
    add(entry: OutboxEntry) {
      if (cx.ix.outboxByKey.has(entry.dedupeKey)) return false
      cx.data.outbox.push(entry)
      cx.ix.outbox.set(entry.id, entry)
      cx.ix.outboxByKey.set(entry.dedupeKey, entry)
      changes.put('outbox', entry, undefined)
      return true
    },
    update(entry: OutboxEntry) {
      const old = cx.ix.outbox.get(entry.id)
      if (old && old.dedupeKey !== entry.dedupeKey) throw new Error(`outbox entry ${entry.id}: the dedupe key cannot change`)
      putById(cx.data.outbox, cx.ix.outbox, entry)
      cx.ix.outboxByKey.set(entry.dedupeKey, entry)
      changes.put('outbox', entry, old)
    },
  },
  invites: {
    all: () => cx.data.invites,
    ofRoom: (roomId: string) => cx.data.invites.filter(r => r.roomId === roomId),
    get: (customerId: string, roomId: string) => cx.data.invites.find(r => r.customerId === customerId && r.roomId === roomId),
    put: ((record: InviteRecord) => {
      const i = cx.data.invites.findIndex(r => r.customerId === record.customerId && r.roomId === record.roomId)
      if (i >= 0) cx.data.invites[i] = { ...record }
      else cx.data.invites.push({ ...record })
      changes.main('invites')
    }),
  },
  jobRuns: {
    get: (job: string) => cx.data.jobRuns[job],
    set: ((job: string, at: string) => {
      cx.data.jobRuns[job] = at
      changes.main('jobRuns')
    }),
    all: () => cx.data.jobRuns,
  },
  handled: {
    has: (messageId: string) => cx.ix.handled.has(messageId),
    add(messageId: string, at: string) {
      if (cx.ix.handled.has(messageId)) return
      cx.ix.handled.add(messageId)
      const record = { id: messageId, at }
      cx.data.handled.push(record)
      changes.add('handled', record)
    },
  },
  }
}
