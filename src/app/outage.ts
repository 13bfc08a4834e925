/**
 * The report to the admins after the connection to the WeChat gateway was lost and came back: when it
 * dropped, when it came back, how long, and what that means for chat messages sent meanwhile and for
 * messages waiting to go out. It goes through the outbox (kind `alert`) like every message the bot
 * sends on its own: once per admin and outage (the key names the outage's start), paced, and never in
 * quiet hours (a report of a night-time outage waits for the morning).
 */
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'
import type { Logger } from '../domain/logger.js'
import { dedupeKey, type OutboundMessage } from '../domain/outreach/outbound.js'
import type { Clock, ContactDirectory, Store } from '../domain/ports.js'
import type { Config } from './config.js'
import { adminContacts } from './jobs/digest-job.js'
import { planMessages } from './outbox/plan-messages.js'

dayjs.extend(utc)
dayjs.extend(timezone)

/** From the first sign of the lost connection to the login that ended it. */
export interface OutageWindow {
  lostAt: Date
  backAt: Date
}

/** `45秒`, `2分8秒`, `3分钟`, `1小时5分`, `2天3小时`: an outage's length, in the merchant's words. */
export function outageDurationText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s}秒`
  if (s < 3600) return s % 60 === 0 ? `${s / 60}分钟` : `${Math.floor(s / 60)}分${s % 60}秒`
  const m = Math.round(s / 60)
  if (m < 1440) return m % 60 === 0 ? `${m / 60}小时` : `${Math.floor(m / 60)}小时${m % 60}分`
  const h = Math.round(m / 60)
  return h % 24 === 0 ? `${h / 24}天` : `${Math.floor(h / 24)}天${h % 24}小时`
}

/** `11月23日 14:05:09` of `instant` in `tz`. */
function stamp(instant: Date, tz: string): string {
  return dayjs(instant).tz(tz).format('M月D日 HH:mm:ss')
}

const wholeSeconds = (d: Date): number => Math.floor(d.getTime() / 1000) * 1000

/** The report's text; `waiting` is the number of outbound messages still planned in the outbox. */
export function outageReportText(outage: OutageWindow, tz: string, waiting: number): string {
  return [
    '⚠️ 机器人和微信网关的连接断开过，现在已自动恢复。',
    `断开：${stamp(outage.lostAt, tz)}`,
    `恢复：${stamp(outage.backAt, tz)}`,
    // From the shown (whole-second) times, so that the three lines agree.
    `时长：${outageDurationText(wholeSeconds(outage.backAt) - wholeSeconds(outage.lostAt))}`,
    '这段时间里群聊和私聊发给机器人的消息（包括报单）可能晚到，也可能收不到；晚到的报单会记下，但不一定回复。',
    '请让代理核对这段时间报的单（发“客户 名字”可以查），没记上的请重新发一次。',
    waiting > 0
      ? `机器人要发的 ${waiting} 条消息没有丢失，已恢复按节奏发送。`
      : '机器人没有积压待发的消息。',
  ].join('\n')
}

export interface OutageReportDeps {
  store: Store
  config: Config
  contacts?: ContactDirectory
  clock: Clock
  logger: Logger
}

/** One report per admin into the outbox, committed; returns how many were planned (0 when already planned). */
export async function reportOutage(deps: OutageReportDeps, outage: OutageWindow): Promise<number> {
  const { store, logger } = deps
  const admins = await adminContacts(store, deps.config, deps.contacts)
  const waiting = store.outbox.withStatus('planned').length
  const text = outageReportText(outage, deps.config.timezone, waiting)
  const messages: OutboundMessage[] = admins.map(admin => ({
    kind: 'alert',
    to: { contactId: admin },
    text,
    dedupeKey: dedupeKey('outage', admin, outage.lostAt.toISOString()),
  }))
  const { added } = planMessages(store, messages, deps.clock.now(), logger)
  if (added.length > 0) await store.commit()
  if (admins.length === 0) logger.warn('no admin to tell about the gateway outage (bind an admin first)')
  else logger.info('gateway outage report planned for the admins', { admins: added.length, lostAt: outage.lostAt.toISOString(), backAt: outage.backAt.toISOString() })
  return added.length
}
