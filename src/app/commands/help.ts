import { z } from 'zod'
import type { MessageContext } from '../context.js'
import { defineCommand } from '../router/types.js'

export const ORDER_EXAMPLES = [
  '张三 13800138000 面膜2盒 398 已付',
  '下单：李姐 精华×3 ¥597 未付',
  '客户：王五 电话：13700137000 产品：面膜 数量：2盒 金额：398 付款：货到付款',
]

export const help = defineCommand({
  name: '帮助',
  aliases: ['help', '菜单'],
  roles: ['admin', 'agent'],
  summary: '列出你可以用的命令',
  usage: '帮助',
  args: z.array(z.string()),
  async run(ctx: MessageContext) {
    // Imported lazily: the registry imports this file.
    const { commandsFor } = await import('./index.js')
    const lines = commandsFor(ctx.role).map(c => `· ${c.usage} — ${c.summary}`)
    return [
      ctx.role === 'admin' ? '📋 管理员可用：' : '📋 代理可用：',
      '· 直接发报单 — 例如：',
      ...ORDER_EXAMPLES.map(e => `    ${e}`),
      ...lines,
    ].join('\n')
  },
})
