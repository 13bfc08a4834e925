/**
 * Reading the database from disk: the main file, every part, then the journal lines newer than each
 * part. Synchronous on purpose: it runs at start-up, and after a failed write, when memory must go
 * back to what is on disk in one step.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { planDeferred, type DeferredPart } from './deferred-parts.js'
import { listJournals, readJournal, type JournalLine } from './journal.js'
import { collectionOfPart, comparePartNames, keyOf, LEGACY_PART_RE, legacyPartFile, MAIN_KEYS, MAIN_PART, PART_COLLECTIONS, PART_FILE_RE, partFile, type MainKey, type PartCollection } from './layout.js'
import { firstProblem, migrate } from './migrate.js'
import { LoadProblem, readPart } from './read-part.js'
import { dbSchema, JSON_PARTS_VERSION, mainFileSchema, recordSchemas, SCHEMA_VERSION, type DbData, type MainFile } from './schema.js'

export { LoadProblem } from './read-part.js'

export interface JournalState { name: string, firstSeq: number, lastSeq: number, bytes: number, lines: number, tornAt: number | null }

export interface Loaded {
  data: DbData
  /** Highest journal sequence number seen anywhere. */
  lastSeq: number
  journals: JournalState[]
  /** Parts (and `main`) whose file is behind the journal: the first journal line it lacks. */
  dirty: Map<string, number>
  /** The parts as they are on disk (seq, size, SHA-256): the manifest to write next. */
  partFiles: MainFile['parts']
  /** The parts are JSON rows (schema version 6): they must be moved to the current format. */
  legacyParts: boolean
  /** Order parts left on disk for now, newest first: every order in them is older than every order in `data`. */
  deferred: DeferredPart[]
}

export type LoadResult =
  | { kind: 'missing' }
  | { kind: 'single-file', raw: unknown }
  | { kind: 'parts', loaded: Loaded }

export interface LoadOptions {
  /** Remembered message ids from days before this one (YYYY-MM-DD) are dropped. */
  handledSince?: string
  /**
   * Leave the order parts older than every order recorded since this instant (ISO) on disk, to be
   * read later (`Loaded.deferred`). Off when not set.
   */
  deferOrdersBefore?: string
}

/** Reads main file, parts and journal. Throws LoadProblem naming the file and the first problem. */
export function loadDatabase(file: string, dir: string, options: LoadOptions = {}): LoadResult {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  }
  catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw new LoadProblem(file, String((e as Error).message))
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  }
  catch (e) {
    throw new LoadProblem(file, `不是有效的 JSON（${(e as Error).message}）`)
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new LoadProblem(file, `schemaVersion ${version} 比本程序支持的 ${SCHEMA_VERSION} 新，请升级 wxcrm`)
  }
  if (typeof version !== 'number' || version < JSON_PARTS_VERSION) return { kind: 'single-file', raw }
  const parsed = mainFileSchema.safeParse(raw)
  if (!parsed.success) throw new LoadProblem(file, firstProblem(parsed.error))
  return { kind: 'parts', loaded: loadParts(parsed.data, dir, options) }
}

/** A single-file database (version 5 or older), brought up to date and checked. */
export function checkSingleFile(file: string, raw: unknown): DbData {
  const parsed = dbSchema.safeParse(migrate(raw))
  if (!parsed.success) throw new LoadProblem(file, firstProblem(parsed.error))
  return parsed.data
}

/** A part as read from its file, or made up from journal lines alone (no SHA-256 then). */
interface PartInMemory { collection: PartCollection, seq: number, records: unknown[], sha256?: string, count?: number }

function loadParts(main: MainFile, dir: string, options: LoadOptions): Loaded {
  const parts = new Map<string, PartInMemory>()
  const tooOld = (part: string): boolean => options.handledSince !== undefined && part.startsWith('handled-') && part.slice(8) < options.handledSince
  let names: string[]
  try {
    names = readdirSync(dir)
  }
  catch {
    names = []
  }
  const legacyParts = main.schemaVersion === JSON_PARTS_VERSION
  const journalFiles = listJournals(dir).map((j) => {
    const path = join(dir, j.name)
    try {
      return { ...j, path, read: readJournal(path) }
    }
    catch (e) {
      throw new LoadProblem(path, (e as Error).message)
    }
  })
  const onDisk = new Map<string, string>()
  for (const name of names) {
    const part = (legacyParts ? LEGACY_PART_RE : PART_FILE_RE).exec(name)?.[1]
    const collection = part ? collectionOfPart(part) : null
    if (part && collection && !tooOld(part)) onDisk.set(part, name)
  }
  const readOne = (part: string): PartInMemory => {
    let p = parts.get(part)
    if (!p) parts.set(part, p = readPart(join(dir, onDisk.get(part)!), part, collectionOfPart(part)!, legacyParts ? null : main.parts[part]?.sha256))
    return p
  }
  const deferred = options.deferOrdersBefore === undefined || legacyParts
    ? []
    : planDeferred({ dir, manifest: main.parts, onDisk: [...onDisk.keys()], journals: journalFiles.map(j => j.read.lines), since: options.deferOrdersBefore, read: part => readOne(part).records })
  const later = new Set(deferred.map(d => d.part))
  for (const part of onDisk.keys()) if (!later.has(part)) readOne(part)
  for (const part of Object.keys(main.parts)) {
    // Remembered message ids are disposable (dropped by day on open), so only their absence is allowed.
    if (!onDisk.has(part) && !part.startsWith('handled-')) throw new LoadProblem((legacyParts ? legacyPartFile : partFile)(dir, part), '文件不见了（主文件记录了它）')
  }

  let lastSeq = main.seq
  for (const p of parts.values()) lastSeq = Math.max(lastSeq, p.seq)
  for (const d of deferred) lastSeq = Math.max(lastSeq, d.seq)
  const journals: JournalState[] = []
  const mainData = main as unknown as Record<MainKey, unknown>
  const keyIndexes = new Map<string, Map<string, number>>()
  const dirty = new Map<string, number>()
  const markDirty = (part: string, seq: number): void => {
    if (!dirty.has(part)) dirty.set(part, seq)
  }
  for (const j of journalFiles) {
    const { path, read } = j
    let jLast = j.firstSeq - 1
    for (const [i, line] of read.lines.entries()) {
      checkLine(path, i + 1, line)
      jLast = Math.max(jLast, line.s)
      lastSeq = Math.max(lastSeq, line.s)
      for (const op of line.ops) {
        if (op.p === MAIN_PART) {
          if (line.s > main.seq && 'set' in op) {
            mainData[op.set as MainKey] = op.v
            markDirty(MAIN_PART, line.s)
          }
          continue
        }
        if (tooOld(op.p)) continue
        const collection = collectionOfPart(op.p)!
        let p = parts.get(op.p)
        if (!p) parts.set(op.p, p = { collection, seq: 0, records: [] })
        if (line.s <= p.seq) continue
        markDirty(op.p, line.s)
        if ('add' in op) {
          p.records.push(op.add)
          continue
        }
        if (!('put' in op)) continue
        let index = keyIndexes.get(op.p)
        if (!index) {
          index = new Map(p.records.map((r, k) => [keyOf(collection, r)!, k]))
          keyIndexes.set(op.p, index)
        }
        const key = keyOf(collection, op.put)!
        const at = index.get(key)
        if (at === undefined) {
          index.set(key, p.records.length)
          p.records.push(op.put)
        }
        else {
          p.records[at] = op.put
        }
      }
    }
    journals.push({ name: j.name, firstSeq: j.firstSeq, lastSeq: jLast, bytes: read.goodBytes, lines: read.lines.length, tornAt: read.tornTail ? read.goodBytes : null })
  }

  const data = {
    schemaVersion: SCHEMA_VERSION,
    ...Object.fromEntries(MAIN_KEYS.map(k => [k, mainData[k]])),
    ...Object.fromEntries(PART_COLLECTIONS.map(c => [c, [] as unknown[]])),
  } as unknown as DbData
  const ordered = [...parts.keys()].sort(comparePartNames)
  for (const name of ordered) {
    const p = parts.get(name)!
    const list = data[p.collection] as unknown[]
    for (const r of p.records) list.push(r)
  }
  const keys = new Set<string>()
  for (const e of data.outbox) {
    if (keys.has(e.dedupeKey)) throw new LoadProblem(dir, `outbox: dedupeKey 重复（${e.dedupeKey}）`)
    keys.add(e.dedupeKey)
  }
  const partFiles: MainFile['parts'] = {}
  for (const [name, p] of parts) if (p.sha256 !== undefined) partFiles[name] = { seq: p.seq, count: p.count ?? p.records.length, sha256: p.sha256 }
  for (const d of deferred) partFiles[d.part] = main.parts[d.part]!
  return { data, lastSeq, journals, dirty, partFiles, legacyParts, deferred }
}

/** Every operation of a journal line names a known part and carries a valid record. */
function checkLine(path: string, lineNo: number, line: JournalLine): void {
  for (const op of line.ops) {
    const where = `${path} 第 ${lineNo} 行`
    if (op.p === MAIN_PART) {
      const key = 'set' in op ? op.set as MainKey : undefined
      const shape = key && (MAIN_KEYS as readonly string[]).includes(key) ? mainFileSchema.shape[key] : undefined
      if (!shape) throw new LoadProblem(where, `未知的主文件字段 ${String(key)}`)
      const checked = (shape as z.ZodType).safeParse((op as { v: unknown }).v)
      if (!checked.success) throw new LoadProblem(where, `${key}: ${firstProblem(checked.error)}`)
      continue
    }
    const collection = collectionOfPart(op.p)
    const record = 'put' in op ? op.put : 'add' in op ? op.add : undefined
    if (!collection || record === undefined) throw new LoadProblem(where, `无法识别的操作（${op.p}）`)
    const checked = (recordSchemas[collection] as z.ZodType).safeParse(record)
    if (!checked.success) throw new LoadProblem(where, `${op.p}: ${firstProblem(checked.error)}`)
  }
}
