/**
 * The background half of a commit: parts changed in the journal are rewritten later, one at a time,
 * from the state as it stood at a journal line; then the main file (with the manifest) is written,
 * journal files wholly in the parts are deleted, and the daily backup is taken. None of this is
 * awaited by `commit()`, which resolves once the journal line is fsynced; `idle()` waits for it.
 */
import { unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Logger } from '../../domain/logger.js'
import { AtomicFile } from './atomic-file.js'
import { writeMain } from './database-files.js'
import { collectionOfPart, MAIN_KEYS, MAIN_PART, memberOf, partFile, type PartCollection } from './layout.js'
import { partPieces } from './part-file.js'
import { SCHEMA_VERSION, type DbData, type MainFile } from './schema.js'

type Manifest = MainFile['parts']

/**
 * What a rewrite writes: captured synchronously, so it is exactly the state up to journal line `seq`.
 * `list` is a copy of the whole collection (copying the references is quick even at a million
 * orders); the part's own records are picked from it later, a slice per turn.
 */
export interface Capture { part: string, seq: number, collection: PartCollection | null, list: unknown[] | null, main: Record<string, unknown> }

/** Records tested for membership of the part per turn of the event loop. */
const PICK_SLICE = 50_000

/** The records of `list` that `member` accepts, in their order, a slice per turn. */
async function pick(list: readonly unknown[], member: (r: unknown) => boolean): Promise<unknown[]> {
  const out: unknown[] = []
  for (let start = 0; start < list.length; start += PICK_SLICE) {
    if (start > 0) await nextTurn()
    const end = Math.min(list.length, start + PICK_SLICE)
    for (let i = start; i < end; i++) if (member(list[i])) out.push(list[i])
  }
  return out
}

export interface PartFlusherOptions {
  file: string
  dir: string
  data: () => DbData
  manifest: Manifest
  /** Parts (and `main`) behind the journal at open: the first journal line each lacks. */
  dirty: Map<string, number>
  /** Journal files already complete, oldest first. */
  retired: { name: string, lastSeq: number }[]
  flushAfterMs: number
  now: () => Date
  logger: Logger
  /** Runs in the background after each journal write (the daily backup), with the day it was due. */
  after: (day: string) => Promise<void>
  today: () => string
  /** Starts a write with nothing new in it, which picks the next part to rewrite. */
  poke: () => void
}

export function createPartFlusher(o: PartFlusherOptions) {
  let manifest: Manifest = { ...o.manifest }
  /**
   * Parts behind the journal: the first line each lacks, the last line that touched it (lines keep
   * coming while a rewrite runs in the background), and when it first fell behind.
   */
  const dirty = new Map<string, { seq: number, last: number, at: number }>()
  for (const [part, seq] of o.dirty) dirty.set(part, { seq, last: 0, at: 0 })
  let force = false
  let closed = false
  let timer: ReturnType<typeof setTimeout> | null = null
  /** The background work, one task after another; `rewriting` while a captured rewrite is queued. */
  let tail: Promise<void> = Promise.resolve()
  let queued = 0
  let rewriting = false

  /** The part to rewrite next: the longest-waiting one, once it has waited long enough. */
  function choose(nowMs: number): string | null {
    let best: string | null = null
    let bestSeq = Infinity
    for (const [part, d] of dirty) {
      if (part !== MAIN_PART && d.seq < bestSeq && (force || nowMs - d.at >= o.flushAfterMs)) {
        best = part
        bestSeq = d.seq
      }
    }
    if (best) return best
    const main = dirty.get(MAIN_PART)
    return main && (force || nowMs - main.at >= o.flushAfterMs) ? MAIN_PART : null
  }

  function capture(part: string, seq: number): Capture {
    const data = o.data()
    const collection = part === MAIN_PART ? null : collectionOfPart(part)
    // Records are never changed in place (the store freezes them in tests), so a list of them is a snapshot.
    const list = collection ? (data[collection] as unknown[]).slice() : null
    // The main file is written with every rewrite (it holds the manifest), so it is captured too.
    const main = structuredClone(Object.fromEntries(MAIN_KEYS.map(k => [k, data[k]])))
    return { part, seq, collection, list, main }
  }

  async function rewrite(c: Capture): Promise<void> {
    if (c.collection && c.list) {
      const records = await pick(c.list, memberOf(c.part))
      const out = new AtomicFile<unknown>(partFile(o.dir, c.part))
      await out.writeText(partPieces(c.collection, c.seq, records))
      manifest = { ...manifest, [c.part]: { seq: c.seq, count: records.length, sha256: out.lastSha256() } }
      caughtUp(c.part, c.seq)
    }
    await writeMain(o.file, { schemaVersion: SCHEMA_VERSION, seq: c.seq, ...c.main, parts: manifest } as MainFile)
    caughtUp(MAIN_PART, c.seq)
  }

  /** `part` is on disk as of line `seq`: clean, unless a later line touched it meanwhile. */
  function caughtUp(part: string, seq: number): void {
    const d = dirty.get(part)
    if (!d || d.seq > seq) return
    if (d.last <= seq) dirty.delete(part)
    else d.seq = seq + 1
  }

  /** Journal files whose every line is in the parts and the main file are deleted. */
  async function retire(): Promise<void> {
    let oldestNeeded = Infinity
    for (const d of dirty.values()) oldestNeeded = Math.min(oldestNeeded, d.seq)
    while (o.retired.length > 0 && o.retired[0]!.lastSeq < oldestNeeded) {
      const j = o.retired.shift()!
      await unlink(join(o.dir, j.name)).catch(() => {})
    }
  }

  function schedule(): void {
    if (closed || timer || queued > 0 || dirty.size === 0) return
    let next = Infinity
    for (const d of dirty.values()) next = Math.min(next, d.at + o.flushAfterMs)
    timer = setTimeout(() => {
      timer = null
      o.poke()
    }, Math.max(50, next - o.now().getTime()))
    timer.unref()
  }

  return {
    /** Parts touched by the journal line `seq` about to be written. */
    touched(parts: Iterable<string>, seq: number, nowMs: number): void {
      for (const part of parts) {
        const d = dirty.get(part)
        if (d) d.last = Math.max(d.last, seq)
        else dirty.set(part, { seq, last: seq, at: nowMs })
      }
    },
    /** That journal line failed: its parts are not behind the journal because of it. */
    untouched(parts: Iterable<string>, seq: number): void {
      for (const part of parts) if (dirty.get(part)?.seq === seq) dirty.delete(part)
    },
    /** Picks and captures the next rewrite, unless one is queued (call before the journal write). */
    next(seq: number, nowMs: number): Capture | null {
      if (rewriting) return null
      const part = choose(nowMs)
      return part ? capture(part, seq) : null
    },
    /** Queues the captured rewrite (if any), journal retirement and the daily backup, in the background. */
    start(c: Capture | null): void {
      const day = o.today()
      if (c) rewriting = true
      queued++
      tail = tail.then(async () => {
        if (c) await rewrite(c).catch((e: unknown) => o.logger.warn('could not rewrite a part; the journal keeps its changes', { part: c.part, error: String(e) }))
        rewriting = false
        await retire()
        await o.after(day).catch((e: unknown) => o.logger.warn('daily backup failed', { error: String(e) }))
      }).finally(() => {
        queued--
        schedule()
      })
    },
    retire,
    /** Resolves when no background work is queued. */
    async idle(): Promise<void> {
      while (queued > 0) await tail
    },
    pending: () => dirty.size,
    setForce(on: boolean): void {
      force = on
    },
    stop(): void {
      closed = true
      if (timer) clearTimeout(timer)
      timer = null
    },
  }
}
