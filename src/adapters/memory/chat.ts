/** In-memory ChatPort and ContactDirectory: record what the bot says; used by tests and simulations. */
import { sameTopic } from '../../domain/outreach/invite.js'
import type { ChatPort, ContactDirectory, ContactInfo, OutFile, RoomInfo } from '../../domain/ports.js'
import type { IncomingMessage } from '../../domain/types.js'

export interface SentMessage {
  conversationId: string
  /** The message answered, for replies. */
  inReplyTo: string | null
  text: string
}

export interface SentFile extends OutFile {
  conversationId: string
}

/** `rooms` are the rooms the bot account is in; adding someone puts them among the members at once. */
export function createMemoryChat(): Required<ChatPort> & { sent: SentMessage[], files: SentFile[], rooms: RoomInfo[] } {
  const sent: SentMessage[] = []
  const files: SentFile[] = []
  const rooms: RoomInfo[] = []
  return {
    sent,
    files,
    rooms,
    async findRoom(topic: string) {
      return rooms.find(r => sameTopic(r.topic, topic))
    },
    async listRooms() {
      return rooms.map(r => ({ id: r.id, topic: r.topic }))
    },
    async addToRoom(roomId: string, contactId: string) {
      const room = rooms.find(r => r.id === roomId)
      if (!room) throw new Error(`room not found: ${roomId}`)
      if (!room.memberIds.includes(contactId)) room.memberIds.push(contactId)
    },
    async sendFile(conversationId: string, file: OutFile) {
      files.push({ conversationId, ...file })
    },
    async reply(to: IncomingMessage, text: string) {
      sent.push({ conversationId: to.roomId ?? to.senderId, inReplyTo: to.id, text })
    },
    async sendText(conversationId: string, text: string) {
      sent.push({ conversationId, inReplyTo: null, text })
    },
  }
}

export function createMemoryContacts(contacts: ContactInfo[] = []): ContactDirectory & { contacts: ContactInfo[] } {
  return {
    contacts,
    byId: async id => contacts.find(c => c.id === id),
    find: async q => contacts.filter(c => c.name === q || c.alias === q),
  }
}
