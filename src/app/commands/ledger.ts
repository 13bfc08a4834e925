import { z } from 'zod'
import type { MessageContext, Reply } from '../context.js'
import { undoLast } from '../ledger/corrections.js'
import { handleParsed, parseFor } from '../ledger/handle-parsed.js'
import { defineCommand } from '../router/types.js'

/** 收款, 退款 and 改 are read by the order parser, which knows their forms; this keeps them in the registry. */
async function viaParser(ctx: MessageContext, kind: 'payment' | 'refund' | 'correction', usage: string): Promise<Reply> {
  const parsed = parseFor(ctx, [])
  return parsed.kind === kind ? handleParsed(ctx, parsed) : `格式如“${usage}”。`
}

export const payment = defineCommand({
  name: '收款',
  aliases: ['收到款', '回款'],
  roles: ['admin', 'agent'],
  summary: '记录客户付款，自动冲抵未付订单',
  usage: '收款 <客户> <金额>',
  args: z.array(z.string()),
  backlog: true,
  run: ctx => viaParser(ctx, 'payment', '收款 张三 398'),
})

export const refund = defineCommand({
  name: '退款',
  aliases: ['退钱'],
  roles: ['admin', 'agent'],
  summary: '记录退款，从该客户最近的订单中扣减',
  usage: '退款 <客户> <金额>',
  args: z.array(z.string()),
  backlog: true,
  run: ctx => viaParser(ctx, 'refund', '退款 张三 199'),
})

export const correct = defineCommand({
  name: '改',
  aliases: ['修改', '更正'],
  roles: ['admin', 'agent'],
  summary: '修改上一单（或指定单号）的金额、数量、电话、客户、日期、付款',
  usage: '改 上一单 金额 298｜改 #12 数量 3',
  args: z.array(z.string()),
  run: ctx => viaParser(ctx, 'correction', '改 上一单 金额 298'),
})

export const undo = defineCommand({
  name: '撤销',
  aliases: ['撤回', '删除上一单'],
  roles: ['admin', 'agent'],
  summary: '撤销你报的上一单',
  usage: '撤销',
  args: z.array(z.string()),
  run: ctx => undoLast(ctx),
})
