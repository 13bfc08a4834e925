/** A message's text, cleaned once, with one rule, for every step that reads it. */
import { COMMAND_END } from '../../domain/order/parse-command.js'
import { stripUnprintable } from '../../domain/order/normalize-text.js'

export interface CleanText {
  /**
   * Full-width letters, digits and spaces read like their half-width forms (ＡＢＣ１２３, U+3000); NUL, bidi
   * overrides and the like are dropped, so no reply quotes them back. Trimmed.
   */
  readonly text: string
  /** The text exactly as sent, less unprintable characters: values that must match WeChat to the letter. */
  readonly raw: string
  /** The first word, a possible command name (`概览？` → `概览`, `客户：张三` → `客户`, `/帮助` → `帮助`). */
  readonly first: string
  /** The words after it. */
  readonly rest: string[]
}

/** The words after the first are split only when asked for: only a command reads them. */
class Cleaned implements CleanText {
  private words: string[] | undefined
  constructor(readonly text: string, readonly raw: string, readonly first: string, private readonly command: string) {}
  get rest(): string[] {
    return this.words ??= this.command.split(/\s+/).slice(1)
  }
}

export function cleanText(sent: string): CleanText {
  const nfkc = sent.normalize('NFKC')
  const text = stripUnprintable(nfkc).trim()
  // `概览？`, `客户：张三`: trailing marks and a colon after the command word mean nothing. (Each pattern is
  // tried only when the text has what it looks for: most messages have neither.)
  let command = text
  if (!text.includes('\n')) {
    if (COMMAND_END.test(text.at(-1) ?? '')) command = command.replace(COMMAND_END, '')
    if (command.includes(':') || command.includes('：')) command = command.replace(/^(\S+?)[:：]\s*/u, '$1 ')
  }
  command = command.replace(/^[/／]/, '')
  const space = command.search(/\s/)
  const first = space < 0 ? command : command.slice(0, space)
  return new Cleaned(text, nfkc === sent ? text : stripUnprintable(sent).trim(), first, command)
}
