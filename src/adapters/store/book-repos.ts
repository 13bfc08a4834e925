/**
 * The collections that keep the bot's own books (settings, segments, transitions, snapshots, drafts,
 * admins, the outbox, invitations, job runs, handled message ids), over the state store's data.
 */
import type { InviteRecord } from '../../domain/outreach/invite.js'
import type { OutboxEntry } from '../../domain/outreach/outbox.js'
import type { Store } from '../../domain/ports.js'
import type { Segment, SnapshotMeta, Transition } from '../../domain/types.js'
import type { StateContext } from './state-context.js'
import { inviteKey } from './main-collections.js'
import { addRecord, putRecord, removeRecords } from './state-context.js'
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
    put: (segment: Segment) => void putRecord(cx, 'segments', segment),
  },
  transitions: {
    add: (t: Transition) => addRecord(cx, 'transitions', t),
    on: (date: string) => cx.data.transitions.filter(t => t.on === date),
  },
  snapshots: {
    all: () => cx.data.snapshots,
    latest: () => cx.data.snapshots.at(-1),
    add: (snapshot: SnapshotMeta) => addRecord(cx, 'snapshots', snapshot),
    keepLast(n: number) {
      if (cx.data.snapshots.length > n) cx.data.snapshots = cx.data.snapshots.slice(-n)
      changes.main('snapshots')
    },
  },
  pending: {
    get: (key: string) => cx.ix.pending.get(key),
    // A draft put again goes to the end, as the newest.
    put(draft: DbData['pending'][number]) {
      removeRecords(cx, 'pending', draft.key)
      addRecord(cx, 'pending', draft)
    },
    remove: (key: string) => removeRecords(cx, 'pending', key),
  },
  admins: {
    all: () => cx.data.admins,
    byContact: (contactId: string) => cx.ix.admins.get(contactId),
    add: (admin: DbData['admins'][number]) => addRecord(cx, 'admins', admin),
    remove: (contactId: string) => removeRecords(cx, 'admins', contactId),
  },
  outbox: {
    all: () => cx.data.outbox,
    get: (id: string) => cx.ix.outbox.get(id),
    byKey: (key: string) => cx.ix.outbox.one('byKey', key),
    // The index holds entries in the order they took the status (a retried one comes back last): sorted
    // by the time planned, ties kept in that order.
    withStatus: (status: OutboxEntry['status']) => cx.ix.outbox.many('byStatus', status).sort((a, b) => a.plannedAt < b.plannedAt ? -1 : a.plannedAt > b.plannedAt ? 1 : 0),
    ofCustomer: (customerId: string) => cx.data.outbox.filter(e => e.customerId === customerId),
    add(entry: OutboxEntry) {
      if (cx.ix.outbox.one('byKey', entry.dedupeKey)) return false
      addRecord(cx, 'outbox', entry)
      return true
    },
    update(entry: OutboxEntry) {
      const old = cx.ix.outbox.get(entry.id)
      if (old && old.dedupeKey !== entry.dedupeKey) throw new Error(`outbox entry ${entry.id}: the dedupe key cannot change`)
      putRecord(cx, 'outbox', entry, true)
    },
  },
  invites: {
    all: () => cx.data.invites,
    ofRoom: (roomId: string) => cx.data.invites.filter(r => r.roomId === roomId),
    get: (customerId: string, roomId: string) => cx.ix.invites.get(inviteKey({ customerId, roomId })),
    put: (record: InviteRecord) => void putRecord(cx, 'invites', { ...record }),
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
    has: (messageId: string) => cx.ix.handled.one('byId', messageId) !== undefined,
    add(messageId: string, at: string) {
      if (cx.ix.handled.one('byId', messageId) === undefined) addRecord(cx, 'handled', { id: messageId, at })
    },
  },
  }
}
