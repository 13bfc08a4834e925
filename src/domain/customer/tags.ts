/**
 * Free tags on a customer — the industry, what they care about (注重品质, 价格敏感), anything the
 * merchant sorts by. `标签 张三 +注重品质 -价格敏感` adds and removes; a word without a sign adds.
 */

/** At most this many tags on one customer. */
export const MAX_TAGS = 20
/** At most this many characters in one tag. */
export const MAX_TAG_LENGTH = 12

export interface TagEdit {
  add: string[]
  remove: string[]
  /** Words that cannot be tags, with why. */
  bad: string[]
}

const ADD = /^[+＋]/
const REMOVE = /^[-－—]/

/** The edits a command's words ask for (words may also be several tags joined by 、 or ，). */
export function parseTagEdit(words: readonly string[]): TagEdit {
  const edit: TagEdit = { add: [], remove: [], bad: [] }
  for (const word of words.flatMap(w => w.split(/[、，,；;]/))) {
    const w = word.trim()
    if (w === '') continue
    const removing = REMOVE.test(w)
    const tag = w.replace(ADD, '').replace(REMOVE, '').trim()
    if (tag === '') edit.bad.push(`“${w}”是空的`)
    else if ([...tag].length > MAX_TAG_LENGTH) edit.bad.push(`“${tag}”太长（最多${MAX_TAG_LENGTH}个字）`)
    else if (/[\s#@]/.test(tag)) edit.bad.push(`“${tag}”里不能有空格、#或@`)
    else (removing ? edit.remove : edit.add).push(tag)
  }
  return edit
}

/** The tags after an edit: removals first, then additions not already there, in the order written. */
export function applyTagEdit(tags: readonly string[], edit: TagEdit): { tags: string[], added: string[], removed: string[], missing: string[], overLimit: string[] } {
  const removed = edit.remove.filter(t => tags.includes(t))
  const missing = edit.remove.filter(t => !tags.includes(t))
  const out = tags.filter(t => !edit.remove.includes(t))
  const added: string[] = []
  const overLimit: string[] = []
  for (const t of edit.add) {
    if (out.includes(t)) continue
    if (out.length >= MAX_TAGS) {
      overLimit.push(t)
      continue
    }
    out.push(t)
    added.push(t)
  }
  return { tags: out, added, removed, missing, overLimit }
}
