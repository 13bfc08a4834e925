/**
 * The append-only journal: one JSON line per group commit, flushed with fsync before anyone is told
 * their change is saved. A commit costs what it changed, not what the database holds.
 */
import { closeSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync } from 'node:fs'
import { open, truncate, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { JOURNAL_RE, journalName } from './layout.js'
import { syncDir } from './atomic-file.js'

/** One change: `put` replaces a record by key, `add` appends one, `set` replaces a main-file key. */
export type Op =
  | { p: string, put: unknown }
  | { p: string, add: unknown }
  | { p: 'main', set: string, v: unknown }

export interface JournalLine { s: number, ops: Op[] }

export interface JournalFile { name: string, firstSeq: number }

/** The journal files in `dir`, oldest first. */
export function listJournals(dir: string): JournalFile[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  }
  catch {
    return []
  }
  return names.flatMap((name) => {
    const m = JOURNAL_RE.exec(name)
    return m ? [{ name, firstSeq: Number(m[1]) }] : []
  }).sort((a, b) => a.firstSeq - b.firstSeq)
}

/** The journal's lines are not what wxcrm writes; the message says where. */
export class JournalError extends Error {
  override name = 'JournalError'
}

/**
 * Reads a journal file. A last line cut short (the process died mid-write, so nobody was told it was
 * saved) is left out and reported by its byte offset so the caller can cut it off; a bad line before
 * the last is corruption and throws.
 */
export function readJournal(file: string): { lines: JournalLine[], goodBytes: number, tornTail: boolean } {
  const buf = readFileSync(file)
  const lines: JournalLine[] = []
  let start = 0
  let lineNo = 0
  while (start < buf.length) {
    const end = buf.indexOf(10, start)
    lineNo++
    const complete = end >= 0
    const text = buf.toString('utf8', start, complete ? end : buf.length)
    let line: JournalLine | null = null
    try {
      line = JSON.parse(text) as JournalLine
    }
    catch {
      line = null
    }
    const valid = line !== null && typeof line === 'object' && Number.isInteger(line.s) && Array.isArray(line.ops)
    if (!complete || !valid) {
      const isLast = !complete || end + 1 >= buf.length
      if (isLast) return { lines, goodBytes: start, tornTail: true }
      throw new JournalError(`${file} 第 ${lineNo} 行不是有效的日志记录`)
    }
    lines.push(line!)
    start = end + 1
  }
  return { lines, goodBytes: start, tornTail: false }
}

/** Appends lines to the newest journal file in `dir`, starting a new file when asked to. */
export class JournalWriter {
  readonly #dir: string
  #current: { name: string, firstSeq: number, bytes: number, lines: number } | null = null
  #mustRotate = false
  /** A failed append could not be cut off: the line may be on disk although its write failed. */
  #uncertain = false

  constructor(dir: string, current: { name: string, firstSeq: number, bytes: number, lines: number } | null) {
    this.#dir = dir
    this.#current = current
  }

  get bytes(): number { return this.#current?.bytes ?? 0 }
  get lines(): number { return this.#current?.lines ?? 0 }
  get currentName(): string | null { return this.#current?.name ?? null }
  get uncertain(): boolean { return this.#uncertain }

  /** The next append goes to a new file (the current one is complete and can be retired later). */
  rotate(): void {
    this.#mustRotate = true
  }

  /** Writes one line and fsyncs it. On failure, cuts the file back so no torn line stays behind. */
  async append(line: JournalLine): Promise<void> {
    if (!this.#current || this.#mustRotate) {
      this.#current = { name: journalName(line.s), firstSeq: line.s, bytes: 0, lines: 0 }
      this.#mustRotate = false
    }
    const current = this.#current
    const file = join(this.#dir, current.name)
    const text = `${JSON.stringify(line)}\n`
    const fh = await open(file, 'a', 0o600)
    try {
      await fh.writeFile(text, 'utf8')
      await fh.datasync()
    }
    catch (error) {
      await fh.close().catch(() => {})
      if (current.bytes === 0) {
        // A file this append created: remove it, so a failed write leaves no trace.
        await unlink(file).catch(() => {})
        this.#current = null
      }
      else {
        await truncate(file, current.bytes).catch(() => { this.#uncertain = true })
      }
      throw error
    }
    if (current.bytes === 0) await syncDir(this.#dir) // the new file's name is durable too
    await fh.close().catch(() => {})
    current.bytes += Buffer.byteLength(text)
    current.lines++
  }
}

/** Cuts a torn last line off a journal file at open (synchronous: nothing else runs yet). */
export function cutTornTail(file: string, goodBytes: number): void {
  const fd = openSync(file, 'r+')
  try {
    ftruncateSync(fd, goodBytes)
    fsyncSync(fd)
  }
  finally {
    closeSync(fd)
  }
}
