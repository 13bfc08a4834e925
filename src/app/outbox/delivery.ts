/** The two ends of one send: delivering an outbox entry, and settling sends a crash interrupted. */
import type { OutboxEntry } from '../../domain/outreach/outbox.js'
import { conversationOf, type OutboundFile } from '../../domain/outreach/outbound.js'
import { SendError } from '../../domain/outreach/send-error.js'
import type { ChatPort, OutFile, Store } from '../../domain/ports.js'

const INTERRUPTED = '发送中途中断，无法确认是否送达：按已发送处理，不再重发'

/**
 * Sends the entry's text, then its file (made at send time); throws SendError or the port's error.
 * Once the text is out the entry counts as delivered: a chart that cannot be drawn or sent is dropped
 * (and logged by `onFileLost`), never a reason to send the text again.
 */
export async function deliver(entry: OutboxEntry, chat: ChatPort, loadFile?: (file: OutboundFile) => Promise<OutFile>, onFileLost?: (error: unknown) => void): Promise<void> {
  const to = conversationOf(entry.to)
  if (to === null) throw new SendError('没有收件人', '', 'drop')
  if (entry.kind === 'invite') {
    // An invitation is a room add, not a message: direct where WeChat allows, an invitation otherwise.
    if (!entry.to.roomId || !entry.to.contactId || !chat.addToRoom) throw new SendError('无法拉人入群', to, 'drop')
    return chat.addToRoom(entry.to.roomId, entry.to.contactId)
  }
  if (entry.text === undefined) {
    // A file alone: failing to make or send it is the entry's failure.
    if (!entry.file || !loadFile) throw new SendError('没有可发送的内容', to, 'drop')
    return chat.sendFile(to, await loadFile(entry.file))
  }
  await chat.sendText(to, entry.text)
  if (!entry.file) return
  try {
    if (!loadFile) throw new Error(`no file loader for ${entry.file.name}`)
    await chat.sendFile(to, await loadFile(entry.file))
  }
  catch (error) {
    onFileLost?.(error)
  }
}

/**
 * Entries left `sending` by a crash may or may not have reached WeChat, and nothing tells which. They
 * are marked `sent` (with a note) and never sent again: at most once. Returns how many; the caller commits.
 */
export function settleInterrupted(store: Store, now: Date): number {
  const interrupted = store.outbox.withStatus('sending')
  for (const e of interrupted) store.outbox.update({ ...e, status: 'sent', sentAt: now.toISOString(), lastError: INTERRUPTED })
  return interrupted.length
}
