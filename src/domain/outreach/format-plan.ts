/** Renders a plan of outbound messages as readable Chinese lines, for 预览 and snapshot tests. */
import { KIND_NAMES, OUTBOUND_KINDS, type OutboundMessage, type Recipient } from './outbound.js'

export interface FormatPlanOptions {
  /** A readable name for a recipient (contact name, room topic); ids are shown otherwise. */
  nameOf?: (to: Recipient) => string | undefined
}

/** One header line with counts per kind, then each message: kind, recipient, text, attachment. */
export function formatPlan(messages: readonly OutboundMessage[], options: FormatPlanOptions = {}): string {
  if (messages.length === 0) return '没有要发送的消息。'
  const counts = OUTBOUND_KINDS
    .map(k => [k, messages.filter(m => m.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${KIND_NAMES[k]} ${n} 条`)
  const lines = [`共 ${messages.length} 条：${counts.join('，')}`]
  messages.forEach((m, i) => {
    lines.push(`${i + 1}. 【${KIND_NAMES[m.kind]}】发给 ${recipientLabel(m.to, options)}`)
    for (const line of (m.text ?? '').split('\n')) if (line.trim()) lines.push(`   ${line}`)
    if (m.file) lines.push(`   📎 附件：${m.file.name}`)
  })
  return lines.join('\n')
}

function recipientLabel(to: Recipient, options: FormatPlanOptions): string {
  const name = options.nameOf?.(to)
  if (name) return name
  if (to.roomId) return `群 ${to.roomId}`
  return to.contactId ?? '（没有收件人）'
}
