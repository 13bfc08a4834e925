/**
 * Connects a Wechaty bot to the router: turns Wechaty messages into IncomingMessage, drops the
 * bot's own echoes, marks backlog as stale, and keeps track of messages still being handled.
 */
import { types, type Message, type Wechaty } from 'wechaty'
import type { Logger } from '../../domain/logger.js'
import { isRateLimitText } from '../../domain/outreach/send-error.js'
import type { IncomingMessage } from '../../domain/types.js'
import type { EchoFilter } from './echo-filter.js'

export interface AttachOptions {
  /** Handles one message (the router's front door). */
  handle: (msg: IncomingMessage) => Promise<void>
  echo: EchoFilter
  logger: Logger
  /** Messages sent more than this long before the latest login are backlog: recorded, never answered. */
  staleMs: number
  /** WeChat telling the account to slow down (操作过于频繁), shown as a system or own message. */
  onRateLimit?: (text: string) => void
  /** Contacts joined (room-join) or left (room-leave) a room the bot account is in. */
  onRoomMembers?: (roomId: string, contactIds: string[], event: 'join' | 'leave') => void
  /** Contacts who joined a room, with the room's topic and their WeChat names (prospects from customer groups). */
  onRoomJoined?: (room: { id: string, topic: string }, members: { id: string, name: string }[]) => void
}

export interface Attached {
  /** Resolves when every message received so far has been handled. */
  drain(): Promise<void>
  /** Stops taking new messages (shutdown): a gateway delivers them again after the restart. */
  close(): void
}

export function attachRouter(bot: Wechaty, options: AttachOptions): Attached {
  const inflight = new Set<Promise<void>>()
  let loginAt: number | null = null
  let closed = false

  bot.on('login', (user) => {
    loginAt = Date.now()
    options.logger.info('logged in', { user: user.name() })
  })
  bot.on('logout', (user, reason) => options.logger.warn('logged out', { user: user.name(), reason }))
  bot.on('error', error => options.logger.info('wechaty error', { error: String((error as Error)?.message ?? error) }))
  bot.on('room-join', (room, invitees) => {
    options.onRoomMembers?.(room.id, invitees.map(c => c.id), 'join')
    if (!options.onRoomJoined) return
    const joined = options.onRoomJoined
    // The bot account joining a room is not a prospect.
    const self = bot.isLoggedIn ? bot.currentUser.id : null
    const members = invitees.filter(c => c.id !== self).map(c => ({ id: c.id, name: c.name() }))
    if (members.length === 0) return
    void room.topic()
      .then(topic => joined({ id: room.id, topic }, members))
      .catch((error: unknown) => options.logger.error('room join not handled', { room: room.id, error: String(error) }))
  })
  bot.on('room-leave', (room, leavers) => options.onRoomMembers?.(room.id, leavers.map(c => c.id), 'leave'))
  bot.on('message', (message) => {
    if (closed) return
    const p = toIncoming(bot, message, options, loginAt)
      .then(msg => msg ? options.handle(msg) : undefined)
      .catch(error => options.logger.error('message not handled', { id: message.id, error: String(error) }))
    inflight.add(p)
    void p.finally(() => inflight.delete(p))
  })

  return {
    async drain() {
      while (inflight.size > 0) await Promise.allSettled([...inflight])
    },
    close() {
      closed = true
    },
  }
}

async function toIncoming(bot: Wechaty, message: Message, options: AttachOptions, loginAt: number | null): Promise<IncomingMessage | null> {
  const notice = (text: string): void => {
    if (isRateLimitText(text)) options.onRateLimit?.(text)
  }
  if (message.type() !== types.Message.Text) {
    // `Message#Unknown[🗣Contact<Friday BOT>@👥Room<…>] 操作过于频繁，可稍后再试。` (puppet-padlocal#109, friday#89)
    if (message.type() === types.Message.Unknown) notice(message.text())
    return null
  }
  const room = message.room()
  const talker = message.talker()
  const text = message.text()
  const fromSelf = message.self()
  if (fromSelf) {
    const conversation = room ? room.id : message.listener()?.id ?? ''
    if (options.echo.isEcho(conversation, text)) return null
    // Only the account's own side can carry WeChat's notice: a customer typing the words changes nothing.
    notice(text)
    // The merchant's own messages count only in rooms and in their own chat, never in chats with customers.
    if (!room && conversation !== talker.id && conversation !== 'filehelper') return null
  }
  const selfId = bot.isLoggedIn ? bot.currentUser.id : null
  const mentions = room ? await message.mentionList().catch(() => []) : []
  const selfName = bot.isLoggedIn ? bot.currentUser.name() : null
  const sent = message.date()
  return {
    id: message.id,
    text: stripSelfMention(text, selfName),
    senderId: talker.id,
    senderName: talker.name(),
    senderAlias: (await talker.alias().catch(() => undefined)) ?? null,
    roomId: room?.id ?? null,
    roomTopic: room ? await room.topic() : null,
    mentionIds: mentions.map(c => c.id).filter(id => id !== selfId),
    fromSelf,
    stale: loginAt !== null && sent.getTime() < loginAt - options.staleMs,
    sentAt: sent.toISOString(),
  }
}

/** `@店小二 张三 面膜2盒` → `张三 面膜2盒` (WeChat puts U+2005 after a mention). */
export function stripSelfMention(text: string, selfName: string | null): string {
  if (!selfName) return text
  return text.split(`@${selfName}`).join(' ').replace(/\u2005/g, ' ').trim()
}
