import { z } from 'zod'
import { cancelPending, confirmPending } from '../ledger/record-orders.js'
import { defineCommand } from '../router/types.js'

export const confirm = defineCommand({
  name: '确认',
  aliases: ['确定'],
  roles: ['admin', 'agent'],
  summary: '按我的理解记录刚才那条待确认的报单',
  usage: '确认',
  recordsNewOrders: true,
  args: z.array(z.string()),
  run: ctx => confirmPending(ctx),
})

export const cancel = defineCommand({
  name: '取消',
  aliases: ['不要了'],
  roles: ['admin', 'agent'],
  summary: '放弃刚才那条待确认的报单',
  usage: '取消',
  recordsNewOrders: true,
  args: z.array(z.string()),
  run: ctx => cancelPending(ctx),
})
