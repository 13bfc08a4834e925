import { z } from 'zod'
import type { ParsedMessage } from '../../domain/order/draft.js'
import { correctOrder, undoLast } from '../ledger/corrections.js'
import { recordPayment, recordRefund } from '../ledger/money-moves.js'
import { defineCommand } from '../router/types.js'

type Parsed<K extends ParsedMessage['kind']> = Extract<ParsedMessage, { kind: K }>

/**
 * 收款, 退款 and 改 are read by the order parser, which knows their forms (`收款 张三 398 11.20`,
 * `改 #12 数量 3`): their arguments are its reading of the message, and it must be of their kind.
 */
function parsedAs<K extends 'payment' | 'refund' | 'correction'>(kind: K, example: string) {
  return z.custom<Parsed<K>>(p => (p as ParsedMessage).kind === kind, { error: `格式如“${example}”。` })
}

export const payment = defineCommand({
  name: '收款',
  aliases: ['收到款', '回款'],
  roles: ['admin', 'agent'],
  summary: '记录客户付款，自动冲抵未付订单',
  usage: '收款 <客户> <金额>',
  reads: 'message',
  args: parsedAs('payment', '收款 张三 398'),
  backlog: true,
  run: (ctx, p) => recordPayment(ctx, p.payment, p.issues),
})

export const refund = defineCommand({
  name: '退款',
  aliases: ['退钱'],
  roles: ['admin', 'agent'],
  summary: '记录退款，从该客户最近的订单中扣减',
  usage: '退款 <客户> <金额>',
  reads: 'message',
  args: parsedAs('refund', '退款 张三 199'),
  backlog: true,
  run: (ctx, p) => recordRefund(ctx, p.refund, p.issues),
})

export const correct = defineCommand({
  name: '改',
  aliases: ['修改', '更正'],
  roles: ['admin', 'agent'],
  summary: '修改上一单（或指定单号）的金额、数量、电话、客户、日期、付款',
  usage: '改 上一单 金额 298｜改 #12 数量 3',
  reads: 'message',
  args: parsedAs('correction', '改 上一单 金额 298'),
  run: (ctx, p) => correctOrder(ctx, p.correction, p.issues),
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
