/**
 * What the message is and the use case it asks for: a linked customer's own message, a stranger's
 * order, or, from staff, a command or a ledger action. Use cases only change state; the boundary saves.
 */
import type { Customer } from '../../domain/types.js'
import type { Reply } from '../context.js'
import { handleParsed } from '../ledger/handle-parsed.js'
import { customerMessage } from './customer-chat.js'
import { linkedCustomerOrder, strangerOrder } from './own-order.js'
import { contextOf, type Step, type Turn } from './pipeline.js'
import { readMessage } from './read-message.js'

/** A linked customer's direct message: their own order, or 退订/订阅 and an interaction recorded. */
export const customerChat: Step = {
  name: 'customer-chat',
  run(turn, next) {
    const customer = turn.speaker.role === 'customer' ? turn.speaker.customer : undefined
    return customer ? customerSpeaks(turn, customer) : next()
  },
}

async function customerSpeaks(turn: Turn, customer: Customer): Promise<Reply> {
  return await linkedCustomerOrder(contextOf(turn), customer) ?? customerMessage(turn.deps, turn.msg, customer, turn.text.text, turn.now)
}

/** A stranger is heard only for their own order with the phone of a customer not linked yet. */
export const strangers: Step = {
  name: 'strangers',
  run(turn, next) {
    return turn.speaker.role === 'stranger' ? strangerOrder(contextOf(turn)) : next()
  },
}

/** Staff: a command with checked arguments, an order, payment, refund or correction, or an answer already. */
export const read: Step = {
  name: 'read',
  run(turn, next) {
    turn.intent = readMessage(contextOf(turn), turn.text)
    return next()
  },
}

export const act: Step = {
  name: 'act',
  async run(turn) {
    const intent = turn.intent
    const ctx = contextOf(turn)
    switch (intent?.kind) {
      case undefined: return null
      case 'answer': return intent.reply
      case 'ledger': return handleParsed(intent.text === ctx.msg.text ? ctx : { ...ctx, msg: { ...ctx.msg, text: intent.text } }, intent.parsed)
      case 'command': {
        const reply = await intent.def.run(ctx, intent.args)
        return intent.def.privateInRooms ? privately(reply) : reply
      }
    }
  },
}

/** Customer data asked for in a room goes to the asker alone (see `CommandDef.privateInRooms`). */
function privately(reply: Reply): Reply {
  if (reply === null) return null
  return typeof reply === 'string' ? { text: reply, files: [], private: true } : { ...reply, private: true }
}
