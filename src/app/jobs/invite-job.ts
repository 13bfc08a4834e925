/** The `invite` job (DESIGN.md §7, WECHATY.md §6.8): loyal linked customers are invited into the VIP room. */
import { afterMembership, planInvites, type InviteCandidate } from '../../domain/outreach/invite.js'
import type { ChatPort, Store } from '../../domain/ports.js'
import type { ClassifyPolicy } from '../../domain/segment/policy.js'
import { valueRanks } from '../../domain/segment/value-order.js'
import type { Config } from '../config.js'
import { classifyStore } from '../segments/reclassify.js'
import type { Job } from './job.js'

/** Loyal customers as invite candidates. */
export function inviteCandidates(store: Store, today: string, policy: ClassifyPolicy): InviteCandidate[] {
  const classes = classifyStore(store, today, policy).customers
  const ranks = valueRanks(classes)
  return classes.flatMap((c) => {
    const customer = store.customers.byId(c.customerId)
    if (c.group !== 'loyal' || !customer) return []
    return [{ customerId: customer.id, name: customer.name, contactId: customer.contactId, optedOut: customer.optedOut, valueRank: ranks.get(c.customerId)! }]
  })
}

/** The invite job: plans invitations (outbox kind `invite`) and records them planned; members found in the room become joined. */
export function inviteJob(store: Store, config: Config, policy: ClassifyPolicy, chat?: Pick<ChatPort, 'findRoom' | 'addToRoom'>): Job {
  return {
    name: 'invite',
    title: '邀请入群',
    aliases: ['邀请入群', '入群'],
    summary: `邀请已绑定微信的忠诚客户加入 VIP 群（设置 VIP群 <群名>），每人只邀请一次，退群的不再邀请，每天最多 ${config.sending.dailyCaps.invite} 位`,
    async run({ today, now, preview }) {
      const topic = store.settings.get('vipRoom')
      if (!topic) return { notes: ['还没有设置 VIP 群：发「设置 VIP群 <群名>」。'], messages: [] }
      if (!chat?.findRoom || !chat.addToRoom) return { notes: ['当前连接不支持拉人入群。'], messages: [] }
      const room = await chat.findRoom(topic)
      if (!room) return { notes: [`没有找到群「${topic}」：机器人账号需要在群里。`], messages: [] }
      const candidates = inviteCandidates(store, today, policy)
      const records = store.invites.ofRoom(room.id)
      const plan = planInvites({ candidates, room, records, max: config.sending.dailyCaps.invite })
      if (!preview) {
        const at = now.toISOString()
        // A later membership check: whoever is in the room now has joined.
        for (const id of plan.alreadyIn) {
          const c = candidates.find(x => x.customerId === id)!
          const r = store.invites.get(id, room.id)
          store.invites.put(r ? afterMembership(r, 'join', at) : { customerId: id, roomId: room.id, contactId: c.contactId!, status: 'joined', updatedAt: at })
        }
        for (const m of plan.messages)
          if (!store.invites.get(m.customerId!, room.id)) store.invites.put({ customerId: m.customerId!, roomId: room.id, contactId: m.to.contactId!, status: 'planned', updatedAt: at })
      }
      return {
        notes: [`忠诚客户 ${candidates.length} 位：已在群里 ${plan.alreadyIn.length} 位，没有绑定微信或已退订 ${plan.unreachable} 位，已邀请过或已退群 ${plan.skipped} 位；本次邀请 ${plan.messages.length} 位进「${room.topic}」。`],
        messages: plan.messages,
      }
    },
  }
}
