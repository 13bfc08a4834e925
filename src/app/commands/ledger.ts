import { z } from 'zod'
import { parseMessage } from '../../domain/order/parse-message.js'
import type { MessageContext } from '../context.js'
import { correctOrder, undoLast } from '../ledger/corrections.js'
import { recordPayment, recordRefund } from '../ledger/money-moves.js'
import { defineCommand } from '../router/types.js'

function reparse(ctx: MessageContext) {
  return parseMessage(ctx.msg.text, { today: ctx.today, products: ctx.deps.products })
}

export const payment = defineCommand({
  name: '收款',
  aliases: ['收到款', '回款'],
  roles: ['admin', 'agent'],
  summary: '记录客户付款，自动冲抵未付订单',
  usage: '收款 <客户> <金额>',
  args: z.array(z.string()),
  async run(ctx) {
    const p = reparse(ctx)
    if (p.kind !== 'payment') return '格式如“收款 张三 398”。'
    return recordPayment(ctx, p.payment, p.issues)
  },
})

export const refund = defineCommand({
  name: '退款',
  aliases: ['退钱'],
  roles: ['admin', 'agent'],
  summary: '记录退款，从该客户最近的订单中扣减',
  usage: '退款 <客户> <金额>',
  args: z.array(z.string()),
  async run(ctx) {
    const p = reparse(ctx)
    if (p.kind !== 'refund') return '格式如“退款 张三 199”。'
    return recordRefund(ctx, p.refund, p.issues)
  },
})

export const correct = defineCommand({
  name: '改',
  aliases: ['修改', '更正'],
  roles: ['admin', 'agent'],
  summary: '修改上一单（或指定单号）的金额、数量、电话、客户、日期、付款',
  usage: '改 上一单 金额 298｜改 #12 数量 3',
  args: z.array(z.string()),
  async run(ctx) {
    const p = reparse(ctx)
    if (p.kind !== 'correction') return '格式如“改 上一单 金额 298”。'
    return correctOrder(ctx, p.correction, p.issues)
  },
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
