import { z } from 'zod'
import type { ChatPort } from '../../domain/ports.js'
import { defineCommand } from '../router/types.js'

/** What can be set from chat, by the word used in 设置, with the stored key. */
export const SETTINGS = { VIP群: 'vipRoom' } as const

const USAGE = '设置 VIP群 <群名>｜设置（查看当前设置）'
/** A long room list is cut here: a merchant's account can be in hundreds of groups. */
const ROOMS_LISTED = 20

export const settingsCommand = defineCommand({
  name: '设置',
  aliases: ['配置'],
  roles: ['admin'],
  summary: '查看或修改设置，如 VIP 群（必须是机器人账号所在的群）',
  usage: USAGE,
  args: z.union([
    z.tuple([]),
    z.tuple([z.enum(Object.keys(SETTINGS) as [keyof typeof SETTINGS])], z.string()).refine(w => w.length > 1, '缺少要设置的值'),
  ], { error: `用法：${USAGE}` }),
  async run(ctx, words: string[]) {
    const { store, chat } = ctx.deps
    if (words.length === 0) {
      const lines = Object.entries(SETTINGS).map(([label, key]) => `· ${label}：${store.settings.get(key) ?? '（未设置）'}`)
      return ['⚙️ 当前设置：', ...lines, `修改：${USAGE}`].join('\n')
    }
    const [label] = words as [keyof typeof SETTINGS, ...string[]]
    // The value as typed (not normalised), then, for a room, its name exactly as WeChat shows it.
    let text = ctx.rawText.replace(/^\S+\s+\S+\s*/u, '').trim()
    if (SETTINGS[label] === 'vipRoom') {
      const room = await vipRoom(chat, text)
      if (typeof room !== 'string') return room.refusal
      text = room
    }
    store.settings.set(SETTINGS[label], text)
    return `✅ 已设置 ${label}：${text}`
  },
})

/**
 * The topic of the room the bot account is in that `typed` names, or why it cannot be the VIP room:
 * the invite job can only add people to a room the account is in. A chat without rooms cannot check.
 */
async function vipRoom(chat: ChatPort, typed: string): Promise<string | { refusal: string }> {
  if (!chat.findRoom) return typed
  const room = await chat.findRoom(typed)
  if (room) return room.topic
  const topics = [...new Set((await chat.listRooms?.() ?? []).map(r => r.topic))]
  const head = `❌ 机器人账号不在群「${typed}」里，VIP群没有修改。`
  if (topics.length === 0) return { refusal: `${head}\n机器人账号现在不在任何群里：先把它拉进 VIP 群，再发这条设置。` }
  const listed = topics.slice(0, ROOMS_LISTED).map(t => `「${t}」`).join('、')
  const more = topics.length > ROOMS_LISTED ? ` 等 ${topics.length} 个` : ''
  return { refusal: [head, `机器人账号所在的群：${listed}${more}`, '请发其中一个群名，或先把机器人账号拉进那个群。'].join('\n') }
}
