/**
 * Local mode's terminal chat: you type as the merchant, an agent or a customer into a mock WeChat
 * that the same bot is logged in to; the bot's answers are printed.
 */
import type { EventEmitter } from 'node:events'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { mock } from 'wechaty-puppet-mock'
import type { LocalPuppet } from '../wechaty/mock-puppet.js'

export const LOCAL_HELP = [
  '命令：',
  '  /as <名字>   换成这个人说话（没有就新建一个微信联系人；第一次说话时拉进报单群）',
  '  /dm          私聊机器人        /group   回到报单群',
  '  /who         现在是谁在说话    /help    显示这段说明    /quit   退出',
  '  /paste       粘贴多行消息（报单模板、接龙），单独一行 /end 发送',
  '其余输入都会作为微信消息发出。',
].join('\n')

export interface LocalChatOptions {
  puppet: LocalPuppet
  adminName: string
  roomTopic: string
  /** Contacts of the bot account that exist from the start (not yet in the group). */
  contacts?: readonly string[]
  input?: NodeJS.ReadableStream
  output?: (line: string) => void
  /** Where files the bot sends (charts, exports) are saved so they can be opened. */
  filesDir: string
  onQuit: () => void
}

type Received = mock.MessageMock

/** What a mock contact or room receives (the mock's typed emitter types are not shipped). */
function onMessage(target: mock.ContactMock | mock.RoomMock, listener: (m: Received) => void): void {
  (target as unknown as EventEmitter).on('message', listener)
}

export function startLocalChat(options: LocalChatOptions): { close(): void, contactId(name: string): string } {
  const { puppet } = options
  const mocker = puppet.mocker
  const out = options.output ?? ((l: string) => console.log(l))
  const self = puppet.selfContact!
  /** Prints what the bot said; a file is saved and its path printed. */
  const show = (m: Received): void => {
    if (m.payload.type === 7) {
      out(`🤖 ${m.payload.text ?? ''}`)
      return
    }
    void puppet.messageFile(m.payload.id).then(async (box) => {
      await mkdir(options.filesDir, { recursive: true, mode: 0o700 })
      const path = join(options.filesDir, box.name)
      await writeFile(path, await box.toBuffer(), { mode: 0o600 })
      await chmod(path, 0o600)
      out(`🤖 [文件] ${box.name} 已保存到 ${path}`)
    }).catch(error => out(`🤖 [文件] 无法保存：${String(error)}`))
  }
  const people = new Map<string, mock.ContactMock>()
  const person = (name: string): mock.ContactMock => {
    let c = people.get(name)
    if (!c) {
      c = mocker.createContact({ name })
      people.set(name, c)
      const contact = c
      onMessage(contact, (m) => {
        if (m.payload.talkerId === self.id && speaker === contact) show(m)
      })
    }
    return c
  }
  const admin = person(options.adminName)
  for (const name of options.contacts ?? []) person(name)
  const inRoom = new Set([admin.id])
  const room = mocker.createRoom({ topic: options.roomTopic, memberIdList: [self.id, admin.id] })
  onMessage(room, (m) => {
    if (m.payload.talkerId === self.id) show(m)
  })
  let speaker = admin
  let direct = false
  const where = (): string => `${speaker.payload.name}${direct ? '（私聊机器人）' : `（${options.roomTopic}）`}`

  const rl = createInterface({ input: options.input ?? process.stdin, terminal: false })
  const send = (text: string): void => {
    if (direct) speaker.say(text).to(self)
    else speaker.say(text).to(room)
  }
  // Between /paste and /end every line, blank ones too, goes into one message (a 7-line template, a 接龙).
  let pasted: string[] | null = null
  rl.on('line', (raw) => {
    if (pasted !== null) {
      if (raw.trim() !== '/end') {
        pasted.push(raw)
        return undefined
      }
      const text = pasted.join('\n').trim()
      pasted = null
      return text === '' ? out('（没有内容，什么也没发）') : send(text)
    }
    const line = raw.trim()
    if (!line) return
    const [cmd, ...rest] = line.split(/\s+/)
    switch (cmd) {
      case '/as': {
        const name = rest.join(' ')
        if (!name) return out('用法：/as <名字>')
        speaker = person(name)
        if (!inRoom.has(speaker.id)) {
          inRoom.add(speaker.id)
          // Joined quietly: a room-join event makes Wechaty reload the room, and the mock drops the
          // next message while it does (WECHATY.md 1.4).
          room.payload.memberIdList.push(speaker.id)
        }
        return out(`现在是 ${where()} 在说话。`)
      }
      case '/dm': direct = true; return out(`现在是 ${where()} 在说话。`)
      case '/group': direct = false; return out(`现在是 ${where()} 在说话。`)
      case '/who': return out(`现在是 ${where()} 在说话。`)
      case '/help': return out(LOCAL_HELP)
      case '/quit': rl.close(); return undefined
      case '/paste':
        pasted = []
        return out('开始粘贴多行消息，单独一行 /end 发送。')
      default:
        return send(line)
    }
  })
  rl.on('close', () => options.onQuit())
  return { close: () => rl.close(), contactId: name => person(name).id }
}
