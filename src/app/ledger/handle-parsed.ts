/** One place that turns a parsed message into the ledger action it asks for. */
import { parseMessage } from '../../domain/order/parse-message.js'
import type { ParsedMessage } from '../../domain/order/draft.js'
import type { MessageContext, Reply } from '../context.js'
import { correctOrder } from './corrections.js'
import { recordPayment, recordRefund } from './money-moves.js'
import { handleOrderMessage } from './record-orders.js'
import { vocabularyOf } from './vocabulary.js'

/** Parses the message text with the merchant's date and catalogue. */
export function parseFor(ctx: MessageContext, commandWords: readonly string[]): ParsedMessage {
  const words = vocabularyOf(ctx.deps.store)
  return parseMessage(ctx.msg.text, { today: ctx.today, products: words.products(), customers: words.customers(), commandWords })
}

/** Records what the message says; null for anything that is not a ledger action. */
export async function handleParsed(ctx: MessageContext, parsed: ParsedMessage): Promise<Reply> {
  switch (parsed.kind) {
    case 'order': return handleOrderMessage(ctx, parsed.orders, parsed.issues)
    case 'payment': return recordPayment(ctx, parsed.payment, parsed.issues)
    case 'refund': return recordRefund(ctx, parsed.refund, parsed.issues)
    case 'correction': return ctx.msg.stale ? null : correctOrder(ctx, parsed.correction, parsed.issues)
    case 'command':
    case 'none':
      return null
  }
}
