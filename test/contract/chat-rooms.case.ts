/** The rooms side of the ChatPort contract (findRoom, listRooms): run against every implementation. */
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatPort } from '../../src/domain/ports.js'

export interface RoomsWorld {
  chat: Required<Pick<ChatPort, 'findRoom' | 'listRooms'>>
  stop(): Promise<void>
}

export interface RoomsFactory {
  /** A chat whose bot account is in `rooms`; `elsewhere` are rooms that exist without it (where the world can have them). */
  open(rooms: { topic: string, members: number }[], elsewhere: string[]): Promise<RoomsWorld>
}

export function runChatRoomsContract(name: string, factory: RoomsFactory): void {
  describe(`ChatPort rooms contract: ${name}`, () => {
    let world: RoomsWorld | undefined
    afterEach(async () => {
      await world?.stop()
      world = undefined
    })

    it('lists the rooms the bot account is in, and only those', async () => {
      world = await factory.open([{ topic: '报单群', members: 2 }, { topic: 'VIP客户群', members: 1 }], ['别人的群'])
      const rooms = await world.chat.listRooms()
      expect(rooms.map(r => r.topic).sort()).toEqual(['VIP客户群', '报单群'])
      expect(new Set(rooms.map(r => r.id)).size).toBe(2)
    })

    it('finds a room by topic, full-width letters alike, with its members', async () => {
      world = await factory.open([{ topic: 'ＶＩＰ客户群', members: 2 }], [])
      const room = await world.chat.findRoom('VIP客户群')
      expect(room?.topic).toBe('ＶＩＰ客户群')
      expect(room?.memberIds).toHaveLength(3)
      expect((await world.chat.listRooms()).map(r => r.id)).toEqual([room?.id])
    })

    it('finds no room the bot account is not in', async () => {
      world = await factory.open([{ topic: '报单群', members: 1 }], ['别人的群'])
      expect(await world.chat.findRoom('别人的群')).toBeUndefined()
      expect(await world.chat.findRoom('没有这个群')).toBeUndefined()
    })
  })
}
