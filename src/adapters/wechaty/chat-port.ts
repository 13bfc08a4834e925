/** ChatPort and ContactDirectory over a Wechaty bot. */
import { FileBox } from 'file-box'
import type { Contact, Room, Wechaty } from 'wechaty'
import { sameTopic } from '../../domain/outreach/invite.js'
import type { ChatPort, ContactDirectory, ContactInfo, OutFile } from '../../domain/ports.js'
import type { IncomingMessage } from '../../domain/types.js'
import type { EchoFilter } from './echo-filter.js'
import { toSendError } from './send-errors.js'

export function createWechatyChat(bot: Wechaty, echo: EchoFilter): ChatPort {
  async function room(id: string): Promise<Room> {
    const r = await bot.Room.find({ id })
    if (!r) throw new Error(`room not found: ${id}`)
    return r
  }
  async function contact(id: string): Promise<Contact> {
    const c = await bot.Contact.find({ id })
    if (!c) throw new Error(`contact not found: ${id}`)
    return c
  }
  return {
    async reply(to: IncomingMessage, text: string) {
      if (to.roomId) {
        const r = await room(to.roomId)
        const talker = to.fromSelf ? undefined : await bot.Contact.find({ id: to.senderId })
        echo.sent(to.roomId, text)
        if (talker) await r.say(text, talker)
        else await r.say(text)
        return
      }
      // The merchant writing to themself (file helper / own chat): answer in that same chat.
      const target = to.fromSelf ? bot.currentUser.id : to.senderId
      echo.sent(target, text)
      await (await contact(target)).say(text)
    },
    // Failures leave as SendError with a verdict (retry / drop / stop) for the send queue.
    async sendText(conversationId: string, text: string) {
      try {
        echo.sent(conversationId, text)
        if (conversationId.endsWith('@chatroom')) await (await room(conversationId)).say(text)
        else await (await contact(conversationId)).say(text)
      }
      catch (error) {
        throw toSendError(error, conversationId)
      }
    },
    async sendFile(conversationId: string, file: OutFile) {
      try {
        // Base64 boxes travel over puppet-service as they are, whatever their size (WECHATY.md §4).
        const box = FileBox.fromBase64(Buffer.from(file.bytes).toString('base64'), file.name)
        if (conversationId.endsWith('@chatroom')) await (await room(conversationId)).say(box)
        else await (await contact(conversationId)).say(box)
      }
      catch (error) {
        throw toSendError(error, conversationId)
      }
    },
    // room.add adds directly where WeChat allows it; for rooms of 40 or more the puppet sends an invitation (WECHATY.md §6.8).
    async addToRoom(roomId: string, contactId: string) {
      try {
        await (await room(roomId)).add(await contact(contactId))
      }
      catch (error) {
        throw toSendError(error, roomId)
      }
    },
    async findRoom(topic: string) {
      const rooms = await bot.Room.findAll()
      for (const r of rooms) {
        const t = await r.topic()
        if (sameTopic(t, topic)) return { id: r.id, topic: t, memberIds: (await r.memberAll()).map(m => m.id) }
      }
      return undefined
    },
    async listRooms() {
      const rooms = await bot.Room.findAll()
      return Promise.all(rooms.map(async r => ({ id: r.id, topic: await r.topic() })))
    },
  }
}

export function createWechatyContacts(bot: Wechaty): ContactDirectory {
  const info = async (c: Contact): Promise<ContactInfo> => ({ id: c.id, name: c.name(), alias: (await c.alias()) ?? null })
  return {
    async byId(id) {
      const c = await bot.Contact.find({ id })
      return c ? info(c) : undefined
    },
    async find(nameOrAlias) {
      const [byName, byAlias] = await Promise.all([
        bot.Contact.findAll({ name: nameOrAlias }),
        bot.Contact.findAll({ alias: nameOrAlias }),
      ])
      const self = bot.isLoggedIn ? bot.currentUser.id : null
      const seen = new Map<string, Contact>()
      for (const c of [...byName, ...byAlias]) if (c.id !== self) seen.set(c.id, c)
      return Promise.all([...seen.values()].map(info))
    },
  }
}
