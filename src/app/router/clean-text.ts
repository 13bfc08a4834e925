/** A message's text, cleaned once, with one rule, for every step that reads it. */
import { COMMAND_END } from '../../domain/order/parse-command.js'
import { stripUnprintable } from '../../domain/order/normalize-text.js'

export interface CleanText {
  /**
   * Full-width letters, digits and spaces read like their half-width forms (ＡＢＣ１２３, U+3000); NUL, bidi
   * overrides and the like are dropped, so no reply quotes them back. Trimmed.
   */
  text: string
  /** The text exactly as sent, less unprintable characters: values that must match WeChat to the letter. */
  raw: string
  /** The first word, a possible command name (`概览？` → `概览`, `客户：张三` → `客户`, `/帮助` → `帮助`). */
  first: string
  /** The words after it. */
  rest: string[]
}

export function cleanText(sent: string): CleanText {
  const text = stripUnprintable(sent.normalize('NFKC')).trim()
  // `概览？`, `客户：张三`: trailing marks and a colon after the command word mean nothing.
  const command = text.includes('\n') ? text : text.replace(COMMAND_END, '').replace(/^(\S+?)[:：]\s*/u, '$1 ')
  const [first = '', ...rest] = command.replace(/^[/／]/, '').split(/\s+/)
  return { text, raw: stripUnprintable(sent).trim(), first, rest }
}
