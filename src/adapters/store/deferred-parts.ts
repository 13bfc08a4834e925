/**
 * Answering before the oldest orders are in memory. At a million orders, reading every part takes
 * seconds; a new order needs only the customers, the settings and the orders recorded lately (a 接龙
 * copied again, a message delivered twice). So the store may open with the newest order parts and
 * read the older ones afterwards, newest first, one part per turn of the event loop
 * (file-store.ts). Order numbers grow with time, so every deferred order is older than every order
 * in memory: each part read later goes in front.
 *
 * Which parts may wait: order parts the manifest knows (its SHA-256 says wxcrm wrote them), below
 * every part the journal still changes, and below the newest parts that hold an order recorded since
 * the cut-off. A part that fails to read later stops the store the way it would have stopped it at start.
 */
import type { JournalLine } from './journal.js'
import { MAIN_PART, partFile } from './layout.js'
import { readPart } from './read-part.js'
import type { MainFile } from './schema.js'

export interface DeferredPart {
  part: string
  path: string
  /** What the manifest says of it: it is read as written when its SHA-256 still matches. */
  seq: number
  sha256: string
}

const ORDER_PART = /^orders-(\d+)$/

export interface DeferInput {
  dir: string
  manifest: MainFile['parts']
  /** Every part present on disk. */
  onDisk: readonly string[]
  journals: readonly (readonly JournalLine[])[]
  /** ISO instant: orders recorded since then are always in memory. */
  since: string
  /** Reads a part now (it is then kept with the parts read at start). */
  read: (part: string) => readonly unknown[]
}

/** The order parts that may be read later, newest first. */
export function planDeferred(input: DeferInput): DeferredPart[] {
  const { manifest } = input
  const numbered = input.onDisk
    .map(part => ({ part, n: Number(ORDER_PART.exec(part)?.[1] ?? Number.NaN) }))
    .filter(p => Number.isInteger(p.n))
    .sort((a, b) => b.n - a.n)
  if (numbered.length < 2) return []
  // Parts the journal changes are read with the journal, now; nothing at or above one may wait.
  let changed = Number.POSITIVE_INFINITY
  for (const lines of input.journals) {
    for (const line of lines) {
      for (const op of line.ops) {
        const n = ORDER_PART.exec(op.p === MAIN_PART ? '' : op.p)?.[1]
        if (n !== undefined && line.s > (manifest[op.p]?.seq ?? 0)) changed = Math.min(changed, Number(n))
      }
    }
  }
  // From the newest part down, until past every changed part one holds an order recorded before the cut-off.
  let floor = Number.POSITIVE_INFINITY
  for (const { part, n } of numbered) {
    floor = n
    const records = input.read(part) as readonly { recordedAt?: string }[]
    if (n > changed) continue
    let oldest: string | undefined
    for (const r of records) if (oldest === undefined || (r.recordedAt ?? '') < oldest) oldest = r.recordedAt ?? ''
    if (oldest !== undefined && oldest < input.since) break
  }
  return numbered
    .filter(p => p.n < floor && manifest[p.part] !== undefined)
    .map(({ part }) => ({ part, path: partFile(input.dir, part), seq: manifest[part]!.seq, sha256: manifest[part]!.sha256 }))
}

/** The records of a deferred part, checked as at start-up; throws LoadProblem when it cannot be used. */
export function readDeferred(d: DeferredPart): unknown[] {
  return readPart(d.path, d.part, 'orders', d.sha256).records
}
