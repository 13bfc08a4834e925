/**
 * The WeChat side of the reliability tests: messages put into the gateway with ids the test chooses
 * (so a gateway's redelivery of the same message can be replayed), and a recorder of everything the
 * bot sends, as the people in the chats see it.
 */
import { randomUUID } from 'node:crypto'
import type { EventEmitter } from 'node:events'
import * as PUPPET from 'wechaty-puppet'
import type { mock } from 'wechaty-puppet-mock'
import type { Gateway } from '../helpers/gateway.js'

/** One message as the gateway delivered it to the bot. */
export interface Delivered {
  id: string
  text: string
  fromId: string
  roomId: string | null
  sentAt: number
}

/** Delivers a new text message from `from`, in `room` or directly to the bot account. */
export function deliver(gw: Gateway, from: mock.ContactMock, text: string, room?: mock.RoomMock): Delivered {
  const id = `rel-${randomUUID()}`
  const sentAt = Date.now()
  gw.mocker.MessageMock.create({
    id,
    talkerId: from.id,
    timestamp: sentAt,
    type: PUPPET.types.Message.Text,
    text,
    ...(room ? { roomId: room.id, mentionIdList: [] } : { listenerId: gw.self.id }),
  } as PUPPET.payloads.Message)
  gw.puppet.emit('message', { messageId: id })
  return { id, text, fromId: from.id, roomId: room?.id ?? null, sentAt }
}

/** Delivers an earlier message again, same id and timestamp, as gateways do after a reconnect. */
export function redeliver(gw: Gateway, message: Delivered): void {
  gw.puppet.emit('message', { messageId: message.id })
}

/** A message the bot sent: where (room or contact id), its text, and when it arrived. */
export interface BotMessage {
  where: string
  text: string
  at: number
}

/** Records every message the bot account sends into the watched rooms and chats. */
export class BotMessages {
  readonly all: BotMessage[] = []
  #listeners: ((m: BotMessage) => void)[] = []

  constructor(selfId: string, targets: readonly (mock.ContactMock | mock.RoomMock)[]) {
    for (const target of targets) {
      (target as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
        if (m.payload.talkerId !== selfId) return
        const message = { where: target.id, text: m.payload.text ?? '', at: Date.now() }
        this.all.push(message)
        for (const l of this.#listeners) l(message)
      })
    }
  }

  /** Calls `listener` for every later message, synchronously as it arrives; returns the unsubscribe. */
  on(listener: (m: BotMessage) => void): () => void {
    this.#listeners.push(listener)
    return () => { this.#listeners = this.#listeners.filter(l => l !== listener) }
  }

  /** How many times exactly `text` arrived at `where`. */
  count(where: string, text: string): number {
    return this.all.filter(m => m.where === where && m.text === text).length
  }

  /** Resolves with the first message from now on that satisfies `match`. */
  next(match: (m: BotMessage) => boolean, timeoutMs: number): Promise<BotMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off()
        reject(new Error(`no matching message from the bot within ${timeoutMs} ms`))
      }, timeoutMs)
      const off = this.on((m) => {
        if (!match(m)) return
        clearTimeout(timer)
        off()
        resolve(m)
      })
    })
  }
}

export const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))
