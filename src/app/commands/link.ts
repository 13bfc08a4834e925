/** 绑定 / 解绑: link a customer to a WeChat contact of the bot account, by the customer's agent or an admin. */
import { z } from 'zod'
import { defineCommand } from '../router/types.js'
import { skipPlannedMarketing } from '../router/customer-chat.js'
import { findVisible } from '../ledger/find-customer.js'

const BIND_USAGE = '绑定 <客户> <联系人名或备注>'
const UNBIND_USAGE = '解绑 <客户>'

export const bindCommand = defineCommand({
  name: '绑定',
  aliases: ['绑定微信'],
  roles: ['admin', 'agent'],
  summary: '把客户和机器人账号的一位微信联系人关联起来（唤醒、福利消息才能发给客户本人）',
  usage: BIND_USAGE,
  // The answer quotes the contact's remark, the merchant's private note (often a phone number).
  privateInRooms: true,
  args: z.tuple([z.string(), z.string()], { error: `用法：${BIND_USAGE}` }),
  async run(ctx, [who, contactWord]: [string, string]) {
    const { store, contacts } = ctx.deps
    const customer = findVisible(ctx, [who])
    if (typeof customer === 'string') return customer
    const found = await contacts.find(contactWord)
    if (found.length === 0) return `找不到名字或备注是“${contactWord}”的微信联系人。请先加为好友，或改用备注名。`
    if (found.length > 1) return `有${found.length}位微信联系人叫“${contactWord}”，请先在微信里给要绑定的那位设个备注，再用备注绑定。`
    const contact = found[0]!
    const linkedTo = store.customers.byContact(contact.id)
    const other = linkedTo?.id === customer.id ? undefined : linkedTo
    if (other) return `这位微信联系人已经绑定了客户 ${other.name}，请先发“解绑 ${other.name}”。`
    if (store.agents.byContact(contact.id) || store.admins.byContact(contact.id))
      return `“${contactWord}”是代理或管理员，不能绑定为客户。`
    store.customers.update({ ...customer, contactId: contact.id })
    // Messages planned for the old link must not reach the new contact (or anyone).
    skipPlannedMarketing(store, customer.id, '客户改绑了微信')
    return `✅ 已把客户 ${customer.name} 绑定到微信联系人 ${contact.name}${contact.alias ? `（备注 ${contact.alias}）` : ''}。`
  },
})

export const unbindCommand = defineCommand({
  name: '解绑',
  aliases: ['解绑微信'],
  roles: ['admin', 'agent'],
  summary: '取消客户和微信联系人的关联',
  usage: UNBIND_USAGE,
  args: z.tuple([z.string()], { error: `用法：${UNBIND_USAGE}` }),
  async run(ctx, [who]: [string]) {
    const customer = findVisible(ctx, [who])
    if (typeof customer === 'string') return customer
    if (customer.contactId === null) return `客户 ${customer.name} 没有绑定微信。`
    ctx.deps.store.customers.update({ ...customer, contactId: null })
    skipPlannedMarketing(ctx.deps.store, customer.id, '客户解除了微信绑定')
    return `✅ 已解除客户 ${customer.name} 的微信绑定。`
  },
})
