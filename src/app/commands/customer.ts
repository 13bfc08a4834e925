import { z } from 'zod'
import { findVisible } from '../ledger/find-customer.js'
import { defineCommand } from '../router/types.js'
import { profileText } from '../views/profile.js'
import { wechatLine } from '../views/wechat-line.js'

const USAGE = '客户 <名字或电话> [电话尾号或代理名]'

export const customerCommand = defineCommand({
  name: '客户',
  aliases: ['查客户', '客户资料'],
  roles: ['admin', 'agent'],
  summary: '查看一位客户的分组、价值、信用、理由、消费与下一步建议',
  usage: USAGE,
  privateInRooms: true,
  args: z.array(z.string()).min(1, `用法：${USAGE}`).max(3),
  async run(ctx, words: string[]) {
    const found = findVisible(ctx, words)
    if (typeof found === 'string') return found
    return [profileText(ctx, found, ctx.classified().byCustomer.get(found.id)), await wechatLine(ctx, found)].join('\n')
  },
})
