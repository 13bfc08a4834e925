/** The registry: the only list of chat commands. Help text and the README table come from here. */
import type { Role } from '../../domain/types.js'
import type { CommandDef } from '../router/types.js'
import { agentCommand } from './agent.js'
import { chartCommand } from './chart.js'
import { customerCommand } from './customer.js'
import { exportCommand } from './export.js'
import { help } from './help.js'
import { correct, payment, refund, undo } from './ledger.js'
import { dormantList, growingList, loyalList, nurtureList } from './lists.js'
import { bindCommand, unbindCommand } from './link.js'
import { overviewCommand } from './overview.js'
import { productsCommand } from './products.js'
import { followUpCommand, prospectCommand, prospectListCommand } from './prospects.js'
import { referrerCommand, referrersCommand } from './referrals.js'
import { cancel, confirm } from './pending.js'
import { settingsCommand } from './settings.js'
import { kindCommand, tagCommand, taggedCommand } from './tags.js'
import { taskCommand } from './task.js'

export const commands: readonly CommandDef[] = [
  help, confirm, cancel, undo, payment, refund, correct,
  customerCommand, overviewCommand, dormantList, loyalList, growingList, nurtureList, chartCommand, exportCommand,
  prospectCommand, followUpCommand, prospectListCommand, tagCommand, taggedCommand, kindCommand, referrerCommand, referrersCommand,
  bindCommand, unbindCommand, agentCommand, productsCommand, settingsCommand, taskCommand,
]

const byWord = new Map<string, CommandDef>()
for (const c of commands) for (const w of [c.name, ...c.aliases]) byWord.set(w.toLowerCase(), c)

/** The command a first word names, if any. */
export function findCommand(word: string): CommandDef | undefined {
  return byWord.get(word.toLowerCase())
}

/** Commands this role may use, in registry order. */
export function commandsFor(role: Role): CommandDef[] {
  return commands.filter(c => (c.roles as readonly Role[]).includes(role))
}

const words: readonly string[] = Object.freeze([...byWord.keys()])

/** Every word that starts a command (one list, so the parser lower-cases it once). */
export function commandWords(): readonly string[] {
  return words
}
