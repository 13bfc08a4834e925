/**
 * Sending one outbox entry, crash-safe: committed as `sending` before the send and as `sent` (or
 * failed, with the retry verdict) after it. The queue decides when; this decides how.
 */
import type { Logger } from '../../domain/logger.js'
import { afterFailure, type OutboxEntry } from '../../domain/outreach/outbox.js'
import type { OutboundFile } from '../../domain/outreach/outbound.js'
import { verdictOf } from '../../domain/outreach/send-error.js'
import type { ChatPort, Clock, OutFile, Store } from '../../domain/ports.js'
import { deliver } from './delivery.js'
import type { SendPolicy } from './policy.js'
import type { createSentToday } from './sent-today.js'

export interface SenderOptions {
  store: Store
  chat: ChatPort
  clock: Clock
  logger: Logger
  policy: SendPolicy
  sentToday: ReturnType<typeof createSentToday>
  loadFile?: (file: OutboundFile) => Promise<OutFile>
  onSent?: (entry: OutboxEntry) => void
  onFailed?: (entry: OutboxEntry) => void
  /** WeChat answered with throttling: the queue must stop. */
  onStop: (reason: string) => void
}

export function createSender(options: SenderOptions): (entry: OutboxEntry) => Promise<void> {
  const { store, chat, clock, logger, policy, sentToday } = options

  /** An invitation planned before the customer joined or left (or a rebind) is no longer wanted. */
  function stillWanted(entry: OutboxEntry): boolean {
    if (entry.kind !== 'invite' || !entry.customerId || !entry.to.roomId) return true
    return store.invites.get(entry.customerId, entry.to.roomId)?.status === 'planned'
  }

  function failed(entry: OutboxEntry, error: unknown, at: Date): void {
    const verdict = verdictOf(error)
    const lastError = error instanceof Error ? error.message : String(error)
    logger.warn('send failed', { id: entry.id, kind: entry.kind, verdict, attempts: entry.attempts, error: lastError })
    const after = afterFailure(entry, verdict, lastError, at.getTime(), policy.retry)
    store.outbox.update(after)
    if (after.status === 'failed') options.onFailed?.(after)
    if (verdict === 'stop') options.onStop(lastError)
  }

  return async function sendOne(entry: OutboxEntry): Promise<void> {
    if (!stillWanted(entry)) {
      store.outbox.update({ ...entry, status: 'skipped', lastError: '已入群、已退群或已改绑，不再邀请' })
      await store.commit()
      return
    }
    const sending: OutboxEntry = { ...entry, status: 'sending', attempts: entry.attempts + 1 }
    store.outbox.update(sending)
    // Durable before the send: after a crash this entry is known to be possibly sent.
    await store.commit()
    let error: unknown = null
    try {
      await deliver(entry, chat, options.loadFile, e => logger.warn('attachment dropped, text sent', { entry: entry.id, error: String(e) }))
    }
    catch (e) {
      error = e
    }
    const at = clock.now()
    if (error === null) {
      store.outbox.update({ ...sending, status: 'sent', sentAt: at.toISOString() })
      sentToday.add(entry.kind, at)
      options.onSent?.(sending)
    }
    else {
      failed(sending, error, at)
    }
    await store.commit().catch((e: unknown) => logger.error('outbox commit after a send failed', { id: entry.id, error: String(e) }))
  }
}
