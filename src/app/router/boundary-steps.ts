/**
 * The steps around the use cases: send the reply, drop repeated deliveries, turn a failure into the
 * "not recorded" answer, keep to the order groups, and save — once, after the use case, before the reply.
 */
import type { IncomingMessage } from '../../domain/types.js'
import type { AppDeps, Reply } from '../context.js'
import type { Step } from './pipeline.js'
import { createStorageAlert, storageFailedReply, storageFailureCode } from './storage-alert.js'

export const FAILED_REPLY = '⚠️ 抱歉，这条消息处理失败，没有记录。请稍后重发。'
export const SENT_PRIVATELY = '📩 已私聊发给你。'

/** Sends what the steps behind it answered; backlog delivered late after a restart is never answered. */
export function reply(deps: AppDeps): Step {
  return {
    name: 'reply',
    async run(turn, next) {
      const answer = await next()
      if (answer === null || turn.msg.stale) return answer
      try {
        await deliver(deps, turn.msg, answer)
      }
      catch (error) {
        deps.logger.error('reply failed', { id: turn.msg.id, error: String(error) })
      }
      return answer
    },
  }
}

async function deliver(deps: AppDeps, msg: IncomingMessage, reply: Exclude<Reply, null>): Promise<void> {
  const { text, files, private: own } = typeof reply === 'string' ? { text: reply, files: [], private: false } : reply
  // Customer data asked for in a room goes to the asker alone; the room only hears where it went.
  const toSender = msg.roomId !== null && own === true
  const target = toSender ? msg.senderId : msg.roomId ?? msg.senderId
  if (text !== null) {
    if (toSender) await deps.chat.sendText(target, text)
    else await deps.chat.reply(msg, text)
  }
  for (const f of files) await deps.chat.sendFile(target, f)
  if (toSender) await deps.chat.reply(msg, SENT_PRIVATELY)
}

/**
 * Remembers the last `recentMax` message ids: a message delivered twice is handled once. The ids sit in
 * a ring, so forgetting the oldest is one step (a Set's oldest entry is found by walking past every
 * entry deleted before it).
 */
export function dedupe(deps: Pick<AppDeps, 'store'>, recentMax: number) {
  // Each id with the running number it was remembered under; the ring slot of that number holds the id.
  const recent = new Map<string, number>()
  const size = Math.max(1, recentMax)
  const ring: (string | undefined)[] = new Array(size)
  let seen = 0
  function remember(id: string): void {
    const slot = seen % size
    const oldest = ring[slot]
    // Only when it was not forgotten (and remembered again, under a later number) since.
    if (oldest !== undefined && recent.get(oldest) === seen - size) recent.delete(oldest)
    ring[slot] = id
    recent.set(id, seen++)
  }
  const step: Step = {
    name: 'dedupe',
    run(turn, next) {
      const { id } = turn.msg
      if (recent.has(id)) return Promise.resolve(null)
      remember(id)
      if (deps.store.handled.has(id) || deps.store.orders.bySource(id).length > 0) return Promise.resolve(null)
      return next()
    },
  }
  /** Lets a later delivery of the message try again (nothing of it was stored). */
  const forget = (id: string): void => void recent.delete(id)
  return { step, forget }
}

/** A failed message is answered as not recorded; when storage failed, the admins hear of it too. */
export function failures(deps: AppDeps, forget: (id: string) => void): Step {
  const storageAlert = createStorageAlert(deps)
  return {
    name: 'failures',
    async run(turn, next) {
      try {
        return await next()
      }
      catch (error) {
        const { msg } = turn
        deps.logger.error('message failed', { id: msg.id, error: String(error) })
        forget(msg.id)
        const storage = storageFailureCode(error)
        if (storage) await storageAlert.notify(storage)
        return msg.stale ? null : storage ? storageFailedReply(storage) : FAILED_REPLY
      }
    },
  }
}

/** With order groups configured, other rooms are not listened to. */
export const orderGroups: Step = {
  name: 'order-groups',
  run(turn, next) {
    const { msg, deps } = turn
    const groups = deps.config.orderGroups
    if (msg.roomId && groups.length > 0 && !groups.includes(msg.roomTopic ?? '')) return Promise.resolve(null)
    return next()
  },
}

/**
 * The boundary: when the use case changed anything, the message is marked handled and everything is
 * committed in one go, before the reply is sent. A failed commit has rolled the store back; the failure
 * step answers that the message was not recorded. The store counts its changes: a count that moved
 * while the use case ran means there is something to save. Messages handled at the same time can move
 * it too, so a message may be saved (and marked handled) with nothing of its own: a change is never missed.
 */
export function save(deps: AppDeps): Step {
  return {
    name: 'save',
    async run(turn, next) {
      const before = deps.store.changeCount()
      const answer = await next()
      if (deps.store.changeCount() !== before) {
        // A recorded order has marked its message already.
        if (!deps.store.handled.has(turn.msg.id)) deps.store.handled.add(turn.msg.id, turn.now.toISOString())
        await deps.store.commit()
      }
      return answer
    },
  }
}
