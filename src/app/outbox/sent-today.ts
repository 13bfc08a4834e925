/** Messages sent per kind on the merchant's local day, for the daily caps. */
import type { OutboundKind } from '../../domain/outreach/outbound.js'
import type { Store } from '../../domain/ports.js'
import { localDate } from '../local-time.js'

export interface SentToday {
  /** Counts for the local day of `now`; recounted from the outbox when the day changes (and at start). */
  counts(now: Date): Partial<Record<OutboundKind, number>>
  /** One more message of `kind` sent at `at`. */
  add(kind: OutboundKind, at: Date): void
}

export function createSentToday(store: Store, timezone: string): SentToday {
  let today: { day: string, sent: Partial<Record<OutboundKind, number>> } | null = null
  function counts(now: Date): Partial<Record<OutboundKind, number>> {
    const day = localDate(now, timezone)
    if (today?.day !== day) {
      const sent: Partial<Record<OutboundKind, number>> = {}
      for (const e of store.outbox.all())
        if (e.status === 'sent' && e.sentAt && localDate(new Date(e.sentAt), timezone) === day) sent[e.kind] = (sent[e.kind] ?? 0) + 1
      today = { day, sent }
    }
    return today.sent
  }
  return {
    counts,
    add(kind, at) {
      const c = counts(at)
      c[kind] = (c[kind] ?? 0) + 1
    },
  }
}
