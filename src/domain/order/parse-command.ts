/**
 * Chat commands: the caller's command words (the app passes its command registry's names and aliases:
 * the registry alone says what is a command), after an optional `@机器人` and `/`.
 */

import type { ParsedMessage, ParseOptions } from './draft.js'
import { ORDER_PREFIXES } from './lexicon.js'

/** Marks after a command word that mean nothing (`帮助？`, `撤销。`): one rule for every reader of commands. */
export const COMMAND_END = /[?!。.~～]+$/u

type Command = Extract<ParsedMessage, { kind: 'command' }>

const lowered = new WeakMap<readonly string[], ReadonlySet<string>>()

/** The caller's command words, lower-cased once per list. */
function wordSet(words: readonly string[]): ReadonlySet<string> {
  let set = lowered.get(words)
  if (!set) {
    set = new Set(words.map((w) => w.toLowerCase()))
    lowered.set(words, set)
  }
  return set
}

/** Reads a command; null when the first word is no command word. */
export function parseCommand(text: string, options: ParseOptions): Command | null {
  const first = /^\/?\s*(\S+)/.exec(text)?.[1]?.replace(COMMAND_END, '')
  if (first === undefined || first === '') return null
  if (!wordSet(options.commandWords ?? []).has(first.toLowerCase())) return null
  const words = text.replace(/^\//, '').split(/\s+/).filter((w) => w !== '')
  // 报单 张三 面膜2盒 398 is an order even when 报单 is also a command word.
  if (ORDER_PREFIXES.includes(first) && words.length > 1) return null
  return { kind: 'command', command: first, args: words.slice(1) }
}
