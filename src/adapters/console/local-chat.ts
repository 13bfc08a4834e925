/**
 * Local mode's terminal chat: you type as the merchant, an agent or a customer into a mock WeChat
 * that the same bot is logged in to. Everything the bot account does there is printed with where it
 * went (a private chat or a room), also when it goes to someone other than the speaker; files it
 * sends are saved, never over an earlier one.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { mock } from 'wechaty-puppet-mock'
import { sameTopic } from '../../domain/outreach/invite.js'
import type { LocalPuppet, LocalSent } from '../wechaty/mock-puppet.js'
import { LOCAL_HELP, parseLocalLine } from './local-commands.js'
import { localContactId, localRoomId, type LocalRoom } from './local-world.js'
import { fileNotSaved, roomAdd, savedFileName, sentFile, sentText, type Destination } from './local-output.js'

export { LOCAL_HELP } from './local-commands.js'

export interface LocalChatOptions {
  puppet: LocalPuppet
  adminName: string
  /** The group the terminal starts in (made when `rooms` does not hold it). */
  orderRoom: string
  /** Contacts of the bot account that exist from the start (agents, linked customers). */
  contacts?: readonly string[]
  /** Rooms the bot account is in from the start, as stored by `onRoomsChanged`. */
  rooms?: readonly LocalRoom[]
  /** Called whenever a room is made or its members change, with every room. */
  onRoomsChanged?: (rooms: LocalRoom[]) => void
  input?: NodeJS.ReadableStream
  output?: (line: string) => void
  /** Where files the bot sends (charts, exports) are saved so they can be opened. */
  filesDir: string
  now?: () => Date
  onQuit: () => void
}

export function startLocalChat(options: LocalChatOptions): { close(): void, contactId(name: string): string } {
  const { puppet } = options
  const mocker = puppet.mocker
  const out = options.output ?? ((l: string) => console.log(l))
  const now = options.now ?? (() => new Date())
  const self = puppet.selfContact!
  // One line at a time, in the order things happened, though a file takes a moment to save.
  let printing = Promise.resolve()
  const print = (line: () => string | Promise<string>): void => {
    printing = printing.then(line).then(out, (error: unknown) => out(`（无法显示：${String(error)}）`))
  }

  const people = new Map<string, mock.ContactMock>()
  const person = (name: string): mock.ContactMock => {
    let c = people.get(name)
    if (!c) {
      c = mocker.createContact({ id: localContactId(name), name })
      people.set(name, c)
    }
    return c
  }
  const rooms: mock.RoomMock[] = []
  const findRoom = (topic: string): mock.RoomMock | undefined => rooms.find(r => sameTopic(r.payload.topic, topic))
  const nameOf = (id: string): string => {
    try {
      return mocker.ContactMock.load(id).payload.name
    }
    catch {
      return id
    }
  }
  const saveRooms = (): void => options.onRoomsChanged?.(rooms.map(r => ({
    topic: r.payload.topic,
    members: r.payload.memberIdList.filter(id => id !== self.id).map(nameOf),
  })))
  const makeRoom = (topic: string, members: readonly string[]): mock.RoomMock => {
    const ids = [...new Set([self.id, ...members.map(n => person(n).id)])]
    const room = mocker.createRoom({ id: localRoomId(topic), topic, memberIdList: ids })
    rooms.push(room)
    return room
  }
  const admin = person(options.adminName)
  for (const name of options.contacts ?? []) person(name)
  for (const r of options.rooms ?? []) if (!findRoom(r.topic)) makeRoom(r.topic, r.members)
  const orderRoom = findRoom(options.orderRoom) ?? makeRoom(options.orderRoom, [options.adminName])

  const topicOf = (roomId: string): string => rooms.find(r => r.id === roomId)?.payload.topic ?? roomId
  const destination = (conversationId: string): Destination => conversationId.endsWith('@chatroom')
    ? { room: topicOf(conversationId) }
    : { contact: nameOf(conversationId) }
  let saved = 0
  async function save(sent: Extract<LocalSent, { kind: 'file' }>): Promise<string> {
    const to = destination(sent.conversationId)
    try {
      await mkdir(options.filesDir, { recursive: true, mode: 0o700 })
      const bytes = await sent.file.toBuffer()
      // Never over an earlier file: a new name each time, and `wx` refuses one that exists all the same.
      for (;;) {
        const path = join(options.filesDir, savedFileName(sent.file.name, now(), ++saved))
        try {
          await writeFile(path, bytes, { mode: 0o600, flag: 'wx' })
          return sentFile(to, sent.file.name, path)
        }
        catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        }
      }
    }
    catch (error) {
      return fileNotSaved(to, sent.file.name, String(error))
    }
  }
  puppet.onSent((sent) => {
    if (sent.kind === 'text') print(() => sentText(destination(sent.conversationId), sent.text))
    else if (sent.kind === 'file') print(() => save(sent))
    else {
      print(() => roomAdd(nameOf(sent.contactId), topicOf(sent.roomId), sent.invited))
      if (!sent.invited) saveRooms()
    }
  })

  let speaker = admin
  let room: mock.RoomMock | null = orderRoom
  /** Into a room without a join event: Wechaty reloads a room on room-join and the mock drops the next message meanwhile (WECHATY.md 1.4). */
  const enter = (r: mock.RoomMock): void => {
    room = r
    if (r.payload.memberIdList.includes(speaker.id)) return
    r.payload.memberIdList.push(speaker.id)
    saveRooms()
  }
  const where = (): string => `现在是 ${speaker.payload.name} 在${room ? `群「${room.payload.topic}」里` : '和机器人私聊'}说话。`
  const send = (text: string): void => {
    if (room) speaker.say(text).to(room)
    else speaker.say(text).to(self)
  }
  const listRooms = (): string => ['机器人所在的群：', ...rooms.map(r => `  「${r.payload.topic}」：${r.payload.memberIdList.filter(id => id !== self.id).map(nameOf).join('、') || '（只有机器人）'}`)].join('\n')

  const rl = createInterface({ input: options.input ?? process.stdin, terminal: false })
  const say = (line: string): void => print(() => line)
  // Between /paste and /end every line, blank ones too, goes into one message (a 7-line template, a 接龙).
  let pasted: string[] | null = null
  rl.on('line', (raw) => {
    if (pasted !== null) {
      if (raw.trim() !== '/end') {
        pasted.push(raw)
        return
      }
      const text = pasted.join('\n').trim()
      pasted = null
      if (text === '') say('（没有内容，什么也没发）')
      else send(text)
      return
    }
    if (!raw.trim()) return
    const c = parseLocalLine(raw)
    switch (c.kind) {
      case 'say': return send(c.text)
      case 'usage': return say(c.text)
      case 'as':
        speaker = person(c.name)
        // Anyone may join the order group (as before); other rooms only by /in, so a VIP room's members stay as made.
        if (room === orderRoom) enter(room)
        else if (room && !room.payload.memberIdList.includes(speaker.id)) {
          const topic = room.payload.topic
          room = null
          return say(`${c.name} 不在群「${topic}」里，改为私聊机器人（/in ${topic} 让 TA 进群）。${where()}`)
        }
        return say(where())
      case 'dm':
        room = null
        return say(where())
      case 'group':
        enter(orderRoom)
        return say(where())
      case 'in': {
        const r = findRoom(c.topic)
        if (!r) return say(`没有群「${c.topic}」。${listRooms()}\n新建群：/room <群名> [成员…]`)
        enter(r)
        return say(where())
      }
      case 'room': {
        if (findRoom(c.topic)) return say(`已经有群「${c.topic}」了，用 /in ${c.topic} 进去。`)
        const r = makeRoom(c.topic, [speaker.payload.name, ...c.members])
        room = r
        saveRooms()
        return say(`已新建群「${c.topic}」：${r.payload.memberIdList.filter(id => id !== self.id).map(nameOf).join('、')} 和机器人。${where()}`)
      }
      case 'rooms': return say(listRooms())
      case 'who': return say(where())
      case 'help': return say(LOCAL_HELP)
      case 'quit':
        rl.close()
        return
      case 'paste':
        pasted = []
        return say('开始粘贴多行消息，单独一行 /end 发送。')
    }
  })
  rl.on('close', () => void printing.then(() => options.onQuit()))
  return { close: () => rl.close(), contactId: name => person(name).id }
}
