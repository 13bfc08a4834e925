/**
 * What a staff member's message is — a command with checked arguments, a ledger action the order parser
 * read, or an answer already (a refusal, the usage, the hint, silence) — decided once, by the command
 * registry and the order parser together. The message is parsed at most once.
 */
import type { ParsedMessage } from '../../domain/order/draft.js'
import type { Role } from '../../domain/types.js'
import { commandWords, findCommand } from '../commands/index.js'
import type { MessageContext, Reply } from '../context.js'
import { parseFor } from '../ledger/handle-parsed.js'
import type { CleanText } from './clean-text.js'
import { type CommandDef, ROLE_NAMES } from './types.js'

export const HINT = '没看懂这条消息。报单示例：张三 13800138000 面膜2盒 398 已付\n发“帮助”查看全部用法。'

export type Intent =
  | { kind: 'command', def: CommandDef, args: unknown }
  /** An order, payment, refund or correction, as the parser read `text` (the message, or what follows a command word). */
  | { kind: 'ledger', parsed: ParsedMessage, text: string }
  | { kind: 'answer', reply: Reply }

const answer = (reply: Reply): Intent => ({ kind: 'answer', reply })

export function readMessage(ctx: MessageContext, clean: CleanText): Intent {
  const def = findCommand(clean.first)
  if (!def) return fromParser(ctx, parseFor(ctx, commandWords()))
  // `客户：张三 产品：面膜 金额：398` is the labelled order template, not a question about 张三.
  let parsed: ParsedMessage | undefined
  if (/^\S+?[:：]/u.test(clean.text) || clean.text.includes('\n')) {
    parsed = parseFor(ctx, [])
    if (parsed.kind === 'order') return { kind: 'ledger', parsed, text: ctx.msg.text }
  }
  return forCommand(ctx, clean, def, parsed)
}

function fromParser(ctx: MessageContext, parsed: ParsedMessage): Intent {
  if (parsed.kind === 'none') return answer(ctx.inRoom || ctx.msg.fromSelf ? null : HINT)
  // A command word the registry did not take (`@机器人 撤销`): nothing to do.
  if (parsed.kind === 'command') return answer(null)
  return { kind: 'ledger', parsed, text: ctx.msg.text }
}

function forCommand(ctx: MessageContext, clean: CleanText, def: CommandDef, parsed: ParsedMessage | undefined): Intent {
  if (ctx.msg.stale && !def.backlog) return answer(null)
  if (!(def.roles as readonly Role[]).includes(ctx.role)) return answer(`“${def.name}”只有${def.roles.map(r => ROLE_NAMES[r]).join('、')}可以使用。`)
  if (def.reads === 'message') {
    const args = def.args.safeParse(parsed ?? parseFor(ctx, []))
    return args.success ? { kind: 'command', def, args: args.data } : answer(args.error.issues[0]?.message ?? `用法：${def.usage}`)
  }
  const args = def.args.safeParse(clean.rest)
  if (args.success) return { kind: 'command', def, args: args.data }
  // `客户 张三 13800138000 面膜2盒 398` is an order that happens to start with a command word.
  if (parsed === undefined) {
    const text = clean.text.slice(clean.first.length).trim()
    const order = parseFor({ ...ctx, msg: { ...ctx.msg, text } }, [])
    if (order.kind === 'order') return { kind: 'ledger', parsed: order, text }
  }
  // `成长 很快` in a group is talk, not a mistyped command: only a command's own name gets the usage.
  return answer(ctx.inRoom && clean.first !== def.name ? null : `用法：${def.usage}`)
}
