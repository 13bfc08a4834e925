/**
 * The front door: every chat message goes through `handle`. It drops repeats, resolves the speaker's
 * role, runs a command or records an order, and answers — or stays silent for chatter and strangers.
 */
import { stripUnprintable } from '../../domain/order/normalize-text.js'
import type { Agent, IncomingMessage, StaffRole } from '../../domain/types.js'
import type { AdminCode } from '../admin-code.js'
import { commandWords, findCommand } from '../commands/index.js'
import type { AppDeps, MessageContext, Reply } from '../context.js'
import { handleParsed, parseFor } from '../ledger/handle-parsed.js'
import { localDate } from '../local-time.js'
import { createClassifier } from '../segments/current.js'
import { toPolicy } from '../segments/policy-config.js'
import { autoLink, customerMessage } from './customer-chat.js'
import { linkedCustomerOrder, strangerOrder } from './own-order.js'
import { adminByName, resolveSpeaker } from './roles.js'
import { createStorageAlert, STORAGE_FAILED_REPLY, storageFailureCode } from './storage-alert.js'
import { ROLE_NAMES } from './types.js'

export const BIND_ADMIN_WORD = '绑定管理员'
export const FAILED_REPLY = '⚠️ 抱歉，这条消息处理失败，没有记录。请稍后重发。'
export const SENT_PRIVATELY = '📩 已私聊发给你。'
const HINT = '没看懂这条消息。报单示例：张三 13800138000 面膜2盒 398 已付\n发“帮助”查看全部用法。'

export interface Router {
  /** Handles one message; resolves when its effects are stored and its reply (if any) was sent. */
  handle(msg: IncomingMessage): Promise<void>
}

export interface RouterOptions {
  adminCode?: AdminCode
  /** How many recent message ids to remember for dropping repeated deliveries. */
  recentIds?: number
}

export function createRouter(deps: AppDeps, options: RouterOptions = {}): Router {
  const recent = new Set<string>()
  const recentMax = options.recentIds ?? 10_000
  const words = commandWords()
  const classifier = createClassifier(deps.store, toPolicy(deps.config.classify))
  const storageAlert = createStorageAlert(deps)

  function firstDelivery(id: string): boolean {
    if (recent.has(id)) return false
    recent.add(id)
    if (recent.size > recentMax) recent.delete(recent.values().next().value!)
    return !deps.store.handled.has(id) && deps.store.orders.bySource(id).length === 0
  }

  /** Private answers asked for in a room, keyed by message id (set by dispatch, read by deliver). */
  const privately = new Set<string>()

  async function deliver(msg: IncomingMessage, reply: Exclude<Reply, null>): Promise<void> {
    const { text, files, private: own } = typeof reply === 'string' ? { text: reply, files: [], private: false } : reply
    // Customer data asked for in a room goes to the asker alone; the room only hears where it went.
    const toSender = msg.roomId !== null && (privately.has(msg.id) || own === true)
    privately.delete(msg.id)
    const target = toSender ? msg.senderId : msg.roomId ?? msg.senderId
    if (text !== null) {
      if (toSender) await deps.chat.sendText(target, text)
      else await deps.chat.reply(msg, text)
    }
    for (const f of files) await deps.chat.sendFile(target, f)
    if (toSender) await deps.chat.reply(msg, SENT_PRIVATELY)
  }

  async function dispatch(msg: IncomingMessage): Promise<Reply> {
    const now = deps.clock.now()
    // Full-width letters, digits and spaces read like their half-width forms (ＡＢＣ１２３, U+3000); NUL, bidi
    // overrides and the like are dropped, so no reply quotes them back.
    const text = stripUnprintable(msg.text.normalize('NFKC')).trim()
    // `概览？`, `客户：张三`: trailing marks and a colon after the command word mean nothing.
    const commandText = text.includes('\n') ? text : text.replace(/[?!。.~～]+$/u, '').replace(/^(\S+?)[:：]\s*/u, '$1 ')
    if (msg.roomId && deps.config.orderGroups.length > 0 && !deps.config.orderGroups.includes(msg.roomTopic ?? '')) return null
    let speaker = resolveSpeaker(msg, deps.config, deps.store)
    if (speaker.role !== 'admin' && await adminByName(msg, deps.config, deps.store, deps.contacts)) {
      if (!deps.store.admins.all().some(a => a.contactId === msg.senderId))
        deps.store.admins.add({ contactId: msg.senderId, name: msg.senderName, boundAt: now.toISOString() })
      await deps.store.commit()
      deps.logger.info('configured admin verified by name', { name: msg.senderName })
      speaker = resolveSpeaker(msg, deps.config, deps.store)
    }
    if (speaker.role === 'unknown' && !text.startsWith(BIND_ADMIN_WORD)) {
      const linked = await autoLink(deps, msg)
      if (linked) speaker = { role: 'customer', agent: undefined, customer: linked }
    }
    const contextAs = (role: StaffRole, agent: Agent | undefined): MessageContext => ({
      deps,
      classified: () => classifier.current(localDate(now, deps.config.timezone)),
      msg: { ...msg, text },
      rawText: stripUnprintable(msg.text).trim(),
      role,
      agent,
      today: localDate(new Date(msg.sentAt), deps.config.timezone),
      now,
      inRoom: msg.roomId !== null,
    })
    const customer = speaker.role === 'customer' ? speaker.customer : undefined
    if (customer && !text.startsWith(BIND_ADMIN_WORD))
      return await linkedCustomerOrder(contextAs('agent', undefined), customer) ?? customerMessage(deps, msg, customer, text, now)
    // A stranger: the start-up code, or their own order with a phone we know (recorded for that customer's agent).
    if (speaker.role !== 'admin' && speaker.role !== 'agent') return await bindAdmin(msg, text, now) ?? strangerOrder(contextAs('agent', undefined))
    // The start-up code makes its holder admin even when they already report orders as an agent.
    if (speaker.role === 'agent' && text.startsWith(BIND_ADMIN_WORD)) {
      const bound = await bindAdmin(msg, text, now)
      if (bound) return bound
    }
    const ctx = contextAs(speaker.role, speaker.agent)
    const [first = '', ...rest] = commandText.replace(/^[/／]/, '').split(/\s+/)
    // `客户：张三 产品：面膜 金额：398` is the labelled order template, not a question about 张三.
    const template = (/^\S+?[:：]/u.test(text) || text.includes('\n')) && findCommand(first) !== undefined && parseFor(ctx, []).kind === 'order'
    const def = template ? undefined : findCommand(first)
    if (def) {
      if (msg.stale && !def.backlog) return null
      if (!def.roles.includes(speaker.role)) return `“${def.name}”只有${def.roles.map(r => ROLE_NAMES[r]).join('、')}可以使用。`
      const args = def.args.safeParse(rest)
      if (!args.success) {
        // `客户 张三 13800138000 面膜2盒 398` is an order that happens to start with a command word.
        const orderCtx = { ...ctx, msg: { ...ctx.msg, text: text.slice(first.length).trim() } }
        const parsed = parseFor(orderCtx, [])
        if (parsed.kind === 'order') return handleParsed(orderCtx, parsed)
        // `成长 很快` in a group is talk, not a mistyped command: only a command's own name gets the usage.
        return ctx.inRoom && first !== def.name ? null : `用法：${def.usage}`
      }
      if (def.privateInRooms) privately.add(msg.id)
      return def.run(ctx, args.data)
    }
    const parsed = parseFor(ctx, words)
    if (parsed.kind === 'none') return ctx.inRoom || msg.fromSelf ? null : HINT
    return handleParsed(ctx, parsed)
  }

  async function bindAdmin(msg: IncomingMessage, text: string, now: Date): Promise<Reply> {
    // Strangers get nothing at all, except a direct message carrying the start-up code.
    if (msg.roomId || msg.stale || !options.adminCode) return null
    const m = text.match(new RegExp(`^${BIND_ADMIN_WORD}\\s*(\\d{4,8})$`))
    if (!m || !options.adminCode.redeem(m[1]!, now)) return null
    deps.store.admins.add({ contactId: msg.senderId, name: msg.senderName, boundAt: now.toISOString() })
    deps.store.handled.add(msg.id, now.toISOString())
    await deps.store.commit()
    deps.logger.info('admin bound', { name: msg.senderName })
    return `✅ 你已绑定为管理员，${msg.senderName}。发“帮助”查看可用命令。`
  }

  return {
    async handle(msg) {
      if (!firstDelivery(msg.id)) return
      let reply: Reply
      try {
        reply = await dispatch(msg)
      }
      catch (error) {
        deps.logger.error('message failed', { id: msg.id, error: String(error) })
        // Nothing was stored: let a later delivery of the same message try again.
        recent.delete(msg.id)
        privately.delete(msg.id)
        const storage = storageFailureCode(error)
        if (storage) await storageAlert.notify(storage)
        reply = msg.stale ? null : storage ? STORAGE_FAILED_REPLY : FAILED_REPLY
      }
      if (reply === null || msg.stale) {
        privately.delete(msg.id)
        return
      }
      try {
        await deliver(msg, reply)
      }
      catch (error) {
        deps.logger.error('reply failed', { id: msg.id, error: String(error) })
      }
    },
  }
}
