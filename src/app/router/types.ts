/** A chat command, declared as data: the registry, the router and the help text all read these. */
import type { z } from 'zod'
import type { StaffRole } from '../../domain/types.js'
import type { MessageContext, Reply } from '../context.js'

/** How each role is called in replies and help. */
export const ROLE_NAMES = { admin: '管理员', agent: '代理' } as const

export interface CommandDef<A = unknown> {
  name: string
  aliases: readonly string[]
  roles: readonly StaffRole[]
  /** One line for 帮助. */
  summary: string
  /** How to write it, e.g. `代理 添加 <微信名>`. */
  usage: string
  /** Shows customer data: asked in a room, the answer goes to the asker privately, not to the room. */
  privateInRooms?: boolean
  /** Also run for backlog delivered late after a restart (money records); replies are never sent then. */
  backlog?: boolean
  /**
   * Records new orders and needs no more than a new order does (确认): it goes on at once while the
   * store is still reading older orders (history-steps.ts); other commands wait for them.
   */
  recordsNewOrders?: boolean
  /**
   * What `args` checks: the words after the command name (the default), or — for 收款, 退款 and 改, whose
   * forms the order parser knows — the parser's reading of the whole message.
   */
  reads?: 'words' | 'message'
  /** Checks the words after the command name (or the parsed message, see `reads`). */
  args: z.ZodType<A>
  run(ctx: MessageContext, args: A): Promise<Reply>
}

/** Keeps each command's argument type while collecting them in one list. */
export function defineCommand<A>(def: CommandDef<A>): CommandDef<unknown> {
  return def as unknown as CommandDef<unknown>
}
