/** The persisted outbox: every outbound message with its delivery state (DESIGN.md §3, §7). */
import type { OutboundFile, OutboundKind, OutboundMessage, Recipient } from './outbound.js'
import { backoffMs, type RetryPolicy } from './pacing.js'
import type { SendVerdict } from './send-error.js'

/**
 * planned → sending → sent; planned → failed (gave up) or skipped (not to be sent any more).
 * `sending` is committed before the send starts, so a crash leaves it visible (see the send queue).
 */
export type OutboxStatus = 'planned' | 'sending' | 'sent' | 'failed' | 'skipped'

/** One outbox entry, as stored. Times are ISO instants. */
export interface OutboxEntry {
  id: string
  dedupeKey: string
  kind: OutboundKind
  to: Recipient
  text?: string
  file?: OutboundFile
  customerId?: string
  status: OutboxStatus
  /** Send attempts started so far. */
  attempts: number
  plannedAt: string
  /** Not to be sent before this instant (back-off, daily caps). */
  nextAttemptAt: string
  sentAt?: string
  lastError?: string
}

/** A new `planned` entry for `message`, due at once. */
export function plannedEntry(message: OutboundMessage, id: string, nowIso: string): OutboxEntry {
  const entry: OutboxEntry = {
    id,
    dedupeKey: message.dedupeKey,
    kind: message.kind,
    to: recipient(message.to),
    status: 'planned',
    attempts: 0,
    plannedAt: nowIso,
    nextAttemptAt: message.notBefore !== undefined && message.notBefore > nowIso ? message.notBefore : nowIso,
  }
  if (message.text !== undefined) entry.text = message.text
  if (message.file) entry.file = { ...message.file }
  if (message.customerId) entry.customerId = message.customerId
  return entry
}

/** The recipient without empty ids. */
function recipient(to: Recipient): Recipient {
  const out: Recipient = {}
  if (to.contactId) out.contactId = to.contactId
  if (to.roomId) out.roomId = to.roomId
  return out
}

/** Planned entries due at `nowMs`, oldest plan first (ties keep the outbox order). */
export function dueEntries(entries: readonly OutboxEntry[], nowMs: number): OutboxEntry[] {
  return entries
    .filter(e => e.status === 'planned' && Date.parse(e.nextAttemptAt) <= nowMs)
    .sort((a, b) => Date.parse(a.plannedAt) - Date.parse(b.plannedAt))
}

/** The earliest instant (ms) a planned entry becomes due, or null when nothing is planned. */
export function nextDueAt(entries: readonly OutboxEntry[]): number | null {
  let next: number | null = null
  for (const e of entries) {
    if (e.status !== 'planned') continue
    const t = Date.parse(e.nextAttemptAt)
    if (next === null || t < next) next = t
  }
  return next
}

/**
 * The entry after a failed attempt (`entry` is the one marked `sending`): stop → planned again as if
 * not tried (the queue halts); retry → planned after back-off while attempts remain; else failed.
 */
export function afterFailure(entry: OutboxEntry, verdict: SendVerdict, lastError: string, atMs: number, retry: RetryPolicy): OutboxEntry {
  if (verdict === 'stop')
    return { ...entry, status: 'planned', attempts: entry.attempts - 1, nextAttemptAt: new Date(atMs).toISOString(), lastError }
  if (verdict === 'retry' && entry.attempts < retry.maxAttempts)
    return { ...entry, status: 'planned', nextAttemptAt: new Date(atMs + backoffMs(entry.attempts, retry)).toISOString(), lastError }
  return { ...entry, status: 'failed', lastError }
}
