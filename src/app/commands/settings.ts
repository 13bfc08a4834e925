import { z } from 'zod'
import { defineCommand } from '../router/types.js'

/** What can be set from chat, by the word used in 设置, with the stored key. */
export const SETTINGS = { VIP群: 'vipRoom' } as const

const USAGE = '设置 VIP群 <群名>｜设置（查看当前设置）'

export const settingsCommand = defineCommand({
  name: '设置',
  aliases: ['配置'],
  roles: ['admin'],
  summary: '查看或修改设置，如 VIP 群',
  usage: USAGE,
  args: z.union([
    z.tuple([]),
    z.tuple([z.enum(Object.keys(SETTINGS) as [keyof typeof SETTINGS])], z.string()).refine(w => w.length > 1, '缺少要设置的值'),
  ], { error: `用法：${USAGE}` }),
  async run(ctx, words: string[]) {
    const { store } = ctx.deps
    if (words.length === 0) {
      const lines = Object.entries(SETTINGS).map(([label, key]) => `· ${label}：${store.settings.get(key) ?? '（未设置）'}`)
      return ['⚙️ 当前设置：', ...lines, `修改：${USAGE}`].join('\n')
    }
    const [label] = words as [keyof typeof SETTINGS, ...string[]]
    // The value as typed (not normalised): a group name must match the real group's name exactly.
    const text = ctx.rawText.replace(/^\S+\s+\S+\s*/u, '').trim()
    store.settings.set(SETTINGS[label], text)
    store.handled.add(ctx.msg.id, ctx.now.toISOString())
    await store.commit()
    return `✅ 已设置 ${label}：${text}`
  },
})
