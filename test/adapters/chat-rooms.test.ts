/** The ChatPort rooms contract on the in-memory chat and on Wechaty over the local mock WeChat. */
import { WechatyBuilder } from 'wechaty'
import { createMemoryChat } from '../../src/adapters/memory/chat.js'
import { createWechatyChat } from '../../src/adapters/wechaty/chat-port.js'
import { createEchoFilter } from '../../src/adapters/wechaty/echo-filter.js'
import { LocalPuppet } from '../../src/adapters/wechaty/mock-puppet.js'
import { runChatRoomsContract } from '../contract/chat-rooms.case.js'

runChatRoomsContract('memory', {
  async open(rooms) {
    const chat = createMemoryChat()
    // The memory chat holds only rooms the bot account is in.
    rooms.forEach((r, i) => chat.rooms.push({ id: `r${i}@chatroom`, topic: r.topic, memberIds: ['self', ...Array.from({ length: r.members }, (_, m) => `m${m}`)] }))
    return { chat, stop: async () => {} }
  },
})

runChatRoomsContract('wechaty over the local mock WeChat', {
  async open(rooms, elsewhere) {
    const puppet = new LocalPuppet({ selfName: '店小二' })
    const bot = WechatyBuilder.build({ puppet })
    bot.on('error', () => {})
    const loggedIn = new Promise<void>(resolve => bot.once('login', () => resolve()))
    await bot.start()
    await loggedIn
    const self = puppet.selfContact!
    for (const r of rooms) {
      const members = Array.from({ length: r.members }, (_, m) => puppet.mocker.createContact({ name: `${r.topic}成员${m}` }).id)
      puppet.mocker.createRoom({ topic: r.topic, memberIdList: [self.id, ...members] })
    }
    const stranger = puppet.mocker.createContact({ name: '路人' })
    for (const topic of elsewhere) puppet.mocker.createRoom({ topic, memberIdList: [stranger.id] })
    const chat = createWechatyChat(bot, createEchoFilter())
    return { chat: { findRoom: chat.findRoom!, listRooms: chat.listRooms! }, stop: () => bot.stop() }
  },
})
