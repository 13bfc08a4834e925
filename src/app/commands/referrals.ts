/** 介绍人 / 推荐之星: who brought whom, set by an agent or admin, and the best referrers. */
import { z } from 'zod'
import { wouldCircle } from '../../domain/customer/referrals.js'
import { findVisible } from '../ledger/find-customer.js'
import { defineCommand } from '../router/types.js'
import { referrersText } from '../views/referrals.js'

const USAGE = '介绍人 <客户> <介绍人>（介绍人写“无”则清除）'
const CLEAR = new Set(['无', '没有', '清除', '删除'])

export const referrerCommand = defineCommand({
  name: '介绍人',
  aliases: ['推荐人'],
  roles: ['admin', 'agent'],
  summary: '记下客户是谁介绍来的（介绍人也要是客户）',
  usage: USAGE,
  privateInRooms: true,
  args: z.tuple([z.string(), z.string()], { error: `用法：${USAGE}` }),
  async run(ctx, [who, by]: [string, string]) {
    const { store } = ctx.deps
    const customer = findVisible(ctx, [who])
    if (typeof customer === 'string') return customer
    if (CLEAR.has(by)) {
      if (customer.referredBy === undefined) return `客户 ${customer.name} 没有记介绍人。`
      const cleared = { ...customer }
      delete cleared.referredBy
      store.customers.update(cleared)
      return `✅ 已清除客户 ${customer.name} 的介绍人。`
    }
    const referrer = findVisible(ctx, [by])
    if (typeof referrer === 'string') return `介绍人：${referrer}`
    if (referrer.id === customer.id) return '客户不能是自己的介绍人。'
    if (wouldCircle(id => store.customers.byId(id), customer.id, referrer.id)) return `${referrer.name} 是 ${customer.name} 介绍来的（或间接介绍来的），不能反过来记。`
    if (customer.referredBy === referrer.id) return `客户 ${customer.name} 的介绍人已经是 ${referrer.name}。`
    const before = customer.referredBy === undefined ? undefined : store.customers.byId(customer.referredBy)
    store.customers.update({ ...customer, referredBy: referrer.id })
    return `✅ 已记下：${customer.name} 是 ${referrer.name} 介绍来的${before ? `（原来记的是 ${before.name}）` : ''}。`
  },
})

const page = z.array(z.string()).max(1).transform(w => Number(w[0] ?? '1')).pipe(z.number().int().min(1).max(1000))

export const referrersCommand = defineCommand({
  name: '推荐之星',
  aliases: ['介绍排行', '转介绍'],
  roles: ['admin', 'agent'],
  summary: '介绍来客户最多、带来消费最多的客户',
  usage: '推荐之星 [页码]',
  privateInRooms: true,
  args: page,
  run: async (ctx, p: number) => referrersText(ctx, p),
})
