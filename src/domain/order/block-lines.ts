/**
 * How the lines of a buyer's list are rewritten before they are read: a `各2斤` line joins the list above
 * it, glued names in front of `各` are split by the words the message uses elsewhere, a heading inside
 * a line (`无米粿：…`, `无米粿（…）`) is set apart, and `备选` alternatives are left out.
 */
import { LABELS } from './lexicon.js'

export interface BlockLine {
  text: string
  /** The heading the line's items stand under (`无米粿`): names become `无米粿-韭菜`. */
  section: string | null
}

const EACH_LINE = /^各\s*(?:\d+|[一二两三四五六七八九十半]+)\s*\S{0,2}$/u
const ALTERNATIVE = /^备选/
const COUNT_ONLY = /^(?:\d+(?:\.\d+)?|[一二两三四五六七八九十半]+)\s*\S{0,2}$/u
// 170克鱼蛋鲜装： with nothing after it, in a list written `名称：数量`.
const LEFT_EMPTY = /^[^:：]+[:：]\s*$/u
const NAME_COUNT = /^[^:：]+[:：]\s*(?:\d+(?:\.\d+)?|[一二两三四五六七八九十半]+)\s*\S{0,2}$/u

/**
 * The lines `名称：` whose count was left empty, in a list written `名称：数量` or right below an item:
 * those items are not ordered (a heading `无米粿：` opens a list, it does not stand inside one).
 */
export function leftEmpty(lines: readonly string[]): Set<number> {
  const countForm = lines.some((l) => NAME_COUNT.test(l))
  return new Set(lines.flatMap((l, k) => (LEFT_EMPTY.test(l) && (countForm || /\d/.test(lines[k - 1] ?? '')) ? [k] : [])))
}

/** Joins `各2斤` standing alone to the list above it. */
export function joinEachLines(lines: string[]): string[] {
  const out: string[] = []
  for (const line of lines) {
    const prev = out[out.length - 1]
    if (EACH_LINE.test(line) && prev !== undefined && prev !== '') out[out.length - 1] = `${prev} ${line}`
    else out.push(line)
  }
  return out
}

/** Splits `芋头士豆菜脯` into known words (`芋头`, `菜脯`) and what is between them (`士豆`). */
export function splitGluedList(word: string, known: readonly string[]): string[] {
  if (word.length < 4) return [word]
  const hits = known.filter((k) => k.length >= 2 && k !== word && word.includes(k)).sort((a, b) => b.length - a.length)
  if (hits.length === 0) return [word]
  const parts: string[] = []
  let rest = word
  while (rest !== '') {
    const at = hits.map((h) => ({ h, i: rest.indexOf(h) })).filter((x) => x.i >= 0).sort((a, b) => a.i - b.i)[0]
    if (at === undefined) {
      parts.push(rest)
      break
    }
    if (at.i > 0) parts.push(rest.slice(0, at.i))
    parts.push(at.h)
    rest = rest.slice(at.i + at.h.length)
  }
  // Only a clean split: every piece at least two characters.
  return parts.every((p) => p.length >= 2) ? parts : [word]
}

/** Words written right before a count (`芋头` in `芋头4标`): the message's own product names. */
export function productWords(lines: readonly string[]): string[] {
  const out = new Set<string>()
  for (const line of lines) {
    for (const m of line.matchAll(/([\u4e00-\u9fff]{2,6})\s*\d/gu)) out.add(m[1] as string)
  }
  return [...out]
}

/** Splits glued names in front of `各` (`芋头士豆菜脯各5` → `芋头、士豆、菜脯各5`). */
export function spreadEach(line: string, known: readonly string[]): string {
  return line.replace(/([\u4e00-\u9fff]{4,})(\s*各)/gu, (_m, glued: string, each: string) => `${splitGluedList(glued, known).join('、')}${each}`)
}

function isLabel(word: string): boolean {
  return LABELS.has(word) || LABELS.has(word.toLowerCase())
}

/** `无米粿：韭菜30、萝卜干8` and `无米粿（韭菜30，竹笋8），菜头丸20`: a heading for part of one line. */
export function inlineSections(line: string, isPerson: (word: string) => boolean): BlockLine[] {
  if (!/[:：(（]/u.test(line)) return [{ text: line, section: null }]
  const colon = /^([^\s\d:：]{1,10})[:：]\s*(.*\d.*)$/u.exec(line)
  // 手打牛筋丸：3件 names one item and its count; a heading stands over several items.
  if (colon && COUNT_ONLY.test(colon[2] as string)) return [{ text: `${colon[1] as string} ${colon[2] as string}`, section: null }]
  if (colon && !isLabel(colon[1] as string) && !isPerson(colon[1] as string)) return [{ text: colon[2] as string, section: colon[1] as string }]
  const paren = /^([^\s\d(（]{1,10})\s*[(（]([^)）]*\d[^)）]*)[)）]\s*[,，、]?\s*(.*)$/u.exec(line)
  if (paren) {
    const out: BlockLine[] = [{ text: paren[2] as string, section: paren[1] as string }]
    if ((paren[3] as string) !== '') out.push({ text: paren[3] as string, section: null })
    return out
  }
  // 无米粿（韭菜）3斤: the bracketed word is a flavour of the product.
  return [{ text: line.replace(/([^\s\d(（]{1,10})\s*[(（]([^)）\d]{1,10})[)）]/gu, '$1-$2'), section: null }]
}

/** `备选龙井`: an alternative if the first choice is out, not an extra item. */
export function isAlternative(word: string): boolean {
  return ALTERNATIVE.test(word)
}

/** The line without its `备选…` words. */
export function dropAlternatives(line: string): string {
  return line.split(' ').filter((w) => !isAlternative(w)).join(' ')
}
