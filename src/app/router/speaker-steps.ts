/**
 * Who is speaking and what they may see. Resolving the speaker changes nothing; verifying a configured
 * admin, the start-up code and linking a customer to their contact are steps of their own, whose
 * changes the boundary saves with the rest of the message's.
 */
import type { AdminCode } from '../admin-code.js'
import type { Reply } from '../context.js'
import { customerView } from '../visibility.js'
import { autoLink } from './customer-chat.js'
import type { Next, Step, Turn } from './pipeline.js'
import { adminByName, resolveSpeaker } from './roles.js'

export const BIND_ADMIN_WORD = '绑定管理员'

const BIND_WITH_CODE = new RegExp(`^${BIND_ADMIN_WORD}\\s*(\\d{4,8})$`)

const bindsAdmin = (turn: Turn): boolean => turn.text.text.startsWith(BIND_ADMIN_WORD)

export const speaker: Step = {
  name: 'speaker',
  run(turn, next) {
    turn.speaker = resolveSpeaker(turn.msg, turn.deps.config, turn.deps.store)
    return next()
  },
}

/**
 * A configured admin name, carried by this contact alone, binds the contact as admin (once per name).
 * (Like the other steps here, it goes async only when it has to wait: most messages pass on at once.)
 */
export const verifyAdmin: Step = {
  name: 'verify-admin',
  run(turn, next) {
    if (turn.speaker.role === 'admin' || !turn.deps.config.admins.includes(turn.msg.senderName)) return next()
    return verifyByName(turn, next)
  },
}

async function verifyByName(turn: Turn, next: Next): Promise<Reply> {
  const { msg, deps } = turn
  if (await adminByName(msg, deps.config, deps.store, deps.contacts)) {
    if (!deps.store.admins.byContact(msg.senderId))
      deps.store.admins.add({ contactId: msg.senderId, name: msg.senderName, boundAt: turn.now.toISOString() })
    deps.logger.info('configured admin verified by name', { name: msg.senderName })
    turn.speaker = resolveSpeaker(msg, deps.config, deps.store)
  }
  return next()
}

/**
 * The start-up code makes its holder admin, even when they already report orders as an agent. Anyone
 * else who is not staff and sends the word is heard as a stranger.
 */
export function bindAdmin(adminCode: AdminCode | undefined): Step {
  return {
    name: 'bind-admin',
    run(turn, next) {
      if (turn.speaker.role === 'admin' || !bindsAdmin(turn)) return next()
      const bound = redeem(turn, adminCode)
      if (bound) return Promise.resolve(bound)
      if (turn.speaker.role === 'customer') turn.speaker = { role: 'stranger', agent: undefined }
      return next()
    },
  }
}

function redeem(turn: Turn, adminCode: AdminCode | undefined): Reply {
  const { msg, deps, now } = turn
  // Strangers get nothing at all, except a direct message carrying the start-up code.
  if (msg.roomId || msg.stale || !adminCode) return null
  const m = turn.text.text.match(BIND_WITH_CODE)
  if (!m || !adminCode.redeem(m[1]!, now)) return null
  deps.store.admins.add({ contactId: msg.senderId, name: msg.senderName, boundAt: now.toISOString() })
  deps.logger.info('admin bound', { name: msg.senderName })
  return `✅ 你已绑定为管理员，${msg.senderName}。发“帮助”查看可用命令。`
}

/** A stranger whose contact matches exactly one customer becomes that customer. */
export const linkCustomer: Step = {
  name: 'link-customer',
  run(turn, next) {
    return turn.speaker.role === 'stranger' && !bindsAdmin(turn) ? linkStranger(turn, next) : next()
  },
}

async function linkStranger(turn: Turn, next: Next): Promise<Reply> {
  const linked = await autoLink(turn.deps, turn.msg)
  if (linked) turn.speaker = { role: 'customer', agent: undefined, customer: linked }
  return next()
}

/** Admins see every customer, an agent their own, a linked customer themself, a stranger no one. */
export const scope: Step = {
  name: 'scope',
  run(turn, next) {
    turn.visible = customerView(turn.deps.store, turn.speaker)
    return next()
  },
}
