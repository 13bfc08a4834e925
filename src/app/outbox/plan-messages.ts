/** Puts a job's messages into the outbox: the first step of every outbound message (DESIGN.md §7). */
import type { Logger } from '../../domain/logger.js'
import { plannedEntry, type OutboxEntry } from '../../domain/outreach/outbox.js'
import { planProblem, type OutboundMessage } from '../../domain/outreach/outbound.js'
import type { Store } from '../../domain/ports.js'

export interface PlanResult {
  added: OutboxEntry[]
  /** Messages whose dedupe key was already in the outbox (planned earlier): nothing added. */
  duplicates: number
  /** Messages that cannot be planned (no recipient, nothing to send): a bug in the job, logged and left out. */
  invalid: number
}

/** Adds each message once per dedupe key; the caller commits. */
export function planMessages(store: Store, messages: readonly OutboundMessage[], now: Date, logger?: Logger): PlanResult {
  const result: PlanResult = { added: [], duplicates: 0, invalid: 0 }
  for (const m of messages) {
    const problem = planProblem(m)
    if (problem) {
      result.invalid++
      logger?.error('outbound message left out', { problem, dedupeKey: m.dedupeKey, kind: m.kind })
      continue
    }
    if (store.outbox.byKey(m.dedupeKey)) {
      result.duplicates++
      continue
    }
    const entry = plannedEntry(m, `ob${store.nextSeq('outbox')}`, now.toISOString())
    store.outbox.add(entry)
    result.added.push(entry)
  }
  return result
}
