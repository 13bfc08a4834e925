/**
 * What local mode's mock WeChat is made of, kept in the merchant's settings so that it is the same
 * after a restart: contact and room ids derived from names (a customer linked to `local-何姐` finds
 * 何姐 again), and the rooms with their members. `npm run demo` writes the same shapes.
 */
import { z } from 'zod'

/** The merchant the terminal speaks as at start, and the order group they speak in. */
export const LOCAL_ADMIN = '老板'
export const LOCAL_ORDER_ROOM = '报单群'
/** Settings key holding the mock WeChat's rooms (JSON, see `LocalRoom`). */
export const LOCAL_ROOMS_KEY = 'localModeRooms'

const CONTACT_PREFIX = 'local-'

/** A room of the mock WeChat: its topic and its members by name (the bot account is always in it). */
export interface LocalRoom {
  topic: string
  members: string[]
}

const roomsSchema = z.array(z.object({ topic: z.string().min(1), members: z.array(z.string().min(1)) }))

/** The contact id a name has in local mode; WeChat ids never hold `@` outside room ids, nor do local names. */
export function localContactId(name: string): string {
  return `${CONTACT_PREFIX}${name}`
}

/** The name behind a local contact id, or null for an id local mode did not make (a real WeChat id). */
export function localContactName(id: string): string | null {
  return id.startsWith(CONTACT_PREFIX) && id.length > CONTACT_PREFIX.length ? id.slice(CONTACT_PREFIX.length) : null
}

/** The room id a topic has in local mode (room ids end in `@chatroom`). */
export function localRoomId(topic: string): string {
  return `${CONTACT_PREFIX}${topic.replaceAll('@', '＠')}@chatroom`
}

/** The stored rooms; a value that is missing or not understood counts as none. */
export function readLocalRooms(stored: string | undefined): LocalRoom[] {
  if (!stored) return []
  try {
    const parsed = roomsSchema.safeParse(JSON.parse(stored))
    return parsed.success ? parsed.data : []
  }
  catch {
    return []
  }
}

/** A stored JSON list of contact ids; a value that is missing or not understood counts as none. */
export function readLocalIds(stored: string | undefined): string[] {
  if (!stored) return []
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(stored))
    return parsed.success ? parsed.data : []
  }
  catch {
    return []
  }
}

export function writeLocalRooms(rooms: readonly LocalRoom[]): string {
  return JSON.stringify(rooms.map(r => ({ topic: r.topic, members: [...r.members] })))
}
