/**
 * What the bot decides to send on its own (DESIGN.md §7): jobs plan these as values, the outbox keeps
 * them, and the send queue delivers them. No I/O here.
 */

/** Why a message goes out; daily caps are counted per kind. */
export type OutboundKind = 'digest' | 'nudge' | 'reactivation' | 'invite' | 'perk' | 'alert'

/** Every kind, in the order plans and caps are shown. */
export const OUTBOUND_KINDS: readonly OutboundKind[] = ['digest', 'nudge', 'reactivation', 'invite', 'perk', 'alert']

/** How each kind is called in previews and replies to the merchant. */
export const KIND_NAMES: Record<OutboundKind, string> = {
  digest: '每日简报',
  nudge: '跟进提醒',
  reactivation: '唤醒消息',
  invite: '入群邀请',
  perk: '会员福利',
  alert: '提醒',
}

/** A WeChat contact of the bot account, or a room; a room wins when both are set. */
export interface Recipient {
  contactId?: string
  roomId?: string
}

/**
 * A file to attach. Only a reference is stored (the outbox is a JSON file): `ref` names what to
 * produce at send time, e.g. `chart:pyramid:2026-11-23`, and `name` is the file name WeChat shows.
 */
export interface OutboundFile {
  name: string
  ref: string
}

/** One message a job wants sent. */
export interface OutboundMessage {
  kind: OutboundKind
  to: Recipient
  text?: string
  file?: OutboundFile
  /** Job + recipient + period (see `dedupeKey`): planning the same key twice sends once. */
  dedupeKey: string
  customerId?: string
  /** Not to be sent before this instant (ISO): spreads a job's messages through the day. */
  notBefore?: string
}

/** The key that makes a message unique: `nudge:wx-wang:2026-11-23`. */
export function dedupeKey(job: string, recipient: string, period: string): string {
  return `${job}:${recipient}:${period}`
}

/** The conversation a message goes to (room first), or null when it names none (empty ids count as none). */
export function conversationOf(to: Recipient): string | null {
  return to.roomId || to.contactId || null
}

/** Why a message cannot be planned (a bug in the job that made it), or null when it can. */
export function planProblem(m: OutboundMessage): string | null {
  if (m.dedupeKey === '') return 'no dedupe key'
  if (conversationOf(m.to) === null) return 'no recipient'
  if (m.text === undefined && m.file === undefined) return 'nothing to send'
  if (m.file && (m.file.name === '' || m.file.ref === '')) return 'file without a name or a ref'
  return null
}
