/** In-memory ChatPort and ContactDirectory: record what the bot says; used by tests and simulations. */
import type { ChatPort, ContactDirectory, ContactInfo, OutFile } from '../../domain/ports.js'
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

export function createMemoryChat(): ChatPort & { sent: SentMessage[], files: SentFile[] } {
  const sent: SentMessage[] = []
  const files: SentFile[] = []
  return {
    sent,
    files,
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
