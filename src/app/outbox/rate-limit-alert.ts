/**
 * The one alert to the admins when WeChat throttles the account. It goes straight to WeChat (the
 * queue is stopped) and is recorded in the outbox as an `alert` entry, committed before it is sent.
 */
import type { Logger } from '../../domain/logger.js'
import { plannedEntry } from '../../domain/outreach/outbox.js'
import { dedupeKey } from '../../domain/outreach/outbound.js'
import type { ChatPort, Clock, Store } from '../../domain/ports.js'

export interface RateLimitAlert {
  store: Store
  chat: ChatPort
  clock: Clock
  logger: Logger
  /** Contact ids of the admins. */
  admins: readonly string[]
  /** Messages still planned. */
  waiting: number
}

/**
 * The alert's text, in the merchant's words. It must not quote WeChat's notice: the account sees its
 * own messages again, and the words would read as a new notice.
 */
export function rateLimitAlertText(waiting: number): string {
  return [
    '⚠️ 微信提示机器人发消息太频繁了。为保护账号，已暂停全部自动发送。',
    `发件箱里还有 ${waiting} 条消息在等待，不会丢失，也不会重复发送。`,
    '建议过几个小时再恢复：重启机器人后会按节奏继续发送。',
  ].join('\n')
}

/** Sends the alert to each admin once; failures are recorded and logged, never thrown. */
export async function alertAdmins(a: RateLimitAlert): Promise<void> {
  const at = a.clock.now()
  const text = rateLimitAlertText(a.waiting)
  if (a.admins.length === 0) a.logger.warn('no admin to alert about the rate limit')
  for (const admin of new Set(a.admins)) {
    try {
      const planned = plannedEntry({ kind: 'alert', to: { contactId: admin }, text, dedupeKey: dedupeKey('rate-limit-alert', admin, at.toISOString()) }, `ob${a.store.nextSeq('outbox')}`, at.toISOString())
      const sending = { ...planned, status: 'sending' as const, attempts: 1 }
      if (!a.store.outbox.add(sending)) continue
      await a.store.commit()
      try {
        await a.chat.sendText(admin, text)
        a.store.outbox.update({ ...sending, status: 'sent', sentAt: a.clock.now().toISOString() })
      }
      catch (error) {
        a.store.outbox.update({ ...sending, status: 'failed', lastError: error instanceof Error ? error.message : String(error) })
      }
      await a.store.commit()
    }
    catch (error) {
      a.logger.error('rate-limit alert failed', { admin, error: String(error) })
    }
  }
}
