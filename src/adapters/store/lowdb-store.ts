/**
 * The embedded database, built from lowdb files: a main file with the small collections, parts of
 * bounded size for the large ones (layout.ts), and an append-only journal. A commit appends one
 * journal line with what changed and fsyncs it; parts are rewritten later, one at a time, from the
 * state as it stood at a journal line, so no write ever has to serialize the whole database.
 */
import { mkdir, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Logger } from '../../domain/logger.js'
import { silentLogger } from '../../domain/logger.js'
import type { Store } from '../../domain/ports.js'
import { createDailyBackups, latestBackup } from './backups.js'
import { dayBefore, dropOldHandled, loadOrCreate, writeMain } from './database-files.js'
import { LoadProblem, type Loaded } from './disk.js'
import { createGroupCommit } from './group-commit.js'
import { cutTornTail, JournalWriter } from './journal.js'
import { collectionOfPart, dataDirOf, MAIN_KEYS, MAIN_PART, memberOf, partFile, type PartCollection } from './layout.js'
import { lockDatabase } from './lock-file.js'
import { partText } from './rows.js'
import { SCHEMA_VERSION, type MainFile } from './schema.js'
import { SecureJsonFile } from './secure-json-file.js'
import { createStateStore, type StateStore } from './state-store.js'

export { latestBackup } from './backups.js'
export { moveDatabase, writeAll } from './database-files.js'

/** The database cannot be used; start-up stops and every file is left as it is. */
export class DbLoadError extends Error {
  override name = 'DbLoadError'
  constructor(readonly file: string, readonly problem: string, readonly backup: string | null) {
    super(`数据库文件 ${file} 无法读取：${problem}。文件未做任何改动。${backup ? `最近的备份：${backup}` : '没有找到备份。'}`)
  }
}

export interface LowdbStoreOptions {
  file: string
  /** Local date of today (YYYY-MM-DD), for the daily backup's name. */
  today: () => string
  /** How many daily backups to keep; 0 turns backups off. */
  backupsKept?: number
  /** Drop remembered message ids older than this many days on open. */
  handledDays?: number
  now?: () => Date
  logger?: Logger
  /** A changed part is rewritten once it has waited this long (ms); default 5000. */
  flushAfterMs?: number
  /** The journal moves on to a new file past this size (bytes); default 8 MB. */
  journalBytes?: number
}

export type LowdbStore = Store & {
  /** Number of journal writes so far. */
  writes(): number
  idle(): Promise<void>
  /** Rewrites every changed part now, so the journal can be retired. */
  flushAll(): Promise<void>
}

type Manifest = MainFile['parts']

/**
 * Opens (or creates) the database and locks it for this process. A single-file database from an
 * older version is moved to the parts layout first (a copy of the old file is kept in backups/).
 * Throws DbLoadError when a file is not valid, DbLockedError when another process has it open.
 */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<LowdbStore> {
  const { file } = options
  const dir = dataDirOf(file)
  const logger = options.logger ?? silentLogger
  const now = (): Date => options.now?.() ?? new Date()
  await mkdir(dirname(file), { recursive: true })
  const unlock = await lockDatabase(file)
  let loaded: Loaded
  const handledSince = dayBefore(now(), options.handledDays ?? 30)
  try {
    loaded = await loadOrCreate(file, dir, handledSince, options.today())
    await dropOldHandled(dir, loaded, handledSince)
    const last = loaded.journals.at(-1)
    if (last && last.tornAt !== null) cutTornTail(join(dir, last.name), last.tornAt)
  }
  catch (error) {
    await unlock()
    if (error instanceof LoadProblem) throw new DbLoadError(error.file, error.problem, await latestBackup(file))
    throw error
  }

  const flushAfterMs = options.flushAfterMs ?? 5_000
  const journalBytes = options.journalBytes ?? 8 * 1024 * 1024
  let manifest: Manifest = { ...loaded.partFiles }
  let lastSeq = loaded.lastSeq
  /** Parts (and `main`) changed in the journal but not yet rewritten: first such line, and when. */
  const dirty = new Map<string, { seq: number, at: number }>()
  for (const [part, seq] of loaded.dirty) dirty.set(part, { seq, at: 0 })
  const retired: { name: string, lastSeq: number }[] = []
  const lastJournal = loaded.journals.at(-1)
  for (const j of loaded.journals) {
    if (j !== lastJournal) retired.push({ name: j.name, lastSeq: j.lastSeq })
  }

  const writer = new JournalWriter(dir, lastJournal ? { name: lastJournal.name, firstSeq: lastJournal.firstSeq, bytes: lastJournal.bytes, lines: lastJournal.lines } : null)

  let force = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let closed = false
  const backups = createDailyBackups(file, dir, options)

  const state: StateStore = createStateStore(loaded.data, {
    track: true,
    commit: () => group.commit(),
    close: async () => {
      closed = true
      if (timer) clearTimeout(timer)
      await group.idle()
      await flushAll().catch((e: unknown) => logger.warn('could not rewrite the changed parts on close; the journal keeps them', { error: String(e) }))
      await unlock()
    },
  })

  /** The part to rewrite in this write: the longest-waiting one, once it has waited long enough. */
  function pickFlush(nowMs: number): string | null {
    let best: string | null = null
    let bestSeq = Infinity
    for (const [part, d] of dirty) {
      if (part === MAIN_PART) continue
      if (d.seq < bestSeq && (force || nowMs - d.at >= flushAfterMs)) {
        best = part
        bestSeq = d.seq
      }
    }
    if (best) return best
    const main = dirty.get(MAIN_PART)
    return main && (force || nowMs - main.at >= flushAfterMs) ? MAIN_PART : null
  }

  /** The records of one part as they are in memory now. */
  function membersOf(part: string): unknown[] {
    return (state.data()[collectionOfPart(part)!] as unknown[]).filter(memberOf(part))
  }

  const group = createGroupCommit({
    async write() {
      const ops = state.drainChanges()
      const seq = ops.length > 0 ? lastSeq + 1 : lastSeq
      const nowMs = now().getTime()
      const touched = new Set(ops.map(o => o.p))
      for (const part of touched) if (!dirty.has(part)) dirty.set(part, { seq, at: nowMs })
      const target = pickFlush(nowMs)
      // Captured before any await: exactly the state the journal holds up to `seq`.
      const capture = target ? captureFlush(target, seq) : null
      try {
        if (ops.length > 0) await writer.append({ s: seq, ops })
      }
      catch (error) {
        for (const part of touched) if (dirty.get(part)?.seq === seq) dirty.delete(part)
        throw error
      }
      lastSeq = seq
      state.changesSaved()
      if (capture) {
        await writeFlush(capture).catch((e: unknown) => logger.warn('could not rewrite a part; the journal keeps its changes', { part: capture.part, error: String(e) }))
      }
      if (writer.bytes >= journalBytes) {
        const name = writer.currentName
        if (name) retired.push({ name, lastSeq })
        writer.rotate()
      }
      await retireJournals()
      await backups.maybe().catch((e: unknown) => logger.warn('daily backup failed', { error: String(e) }))
      scheduleFlush()
    },
    rollback() {
      // A line that may be on disk although its write failed: memory cannot be made to match it.
      if (writer.uncertain) throw new Error('the journal may hold a line whose write failed; restart to reload what is on disk')
      state.revertUnsaved()
    },
  })

  /** Records are never changed in place (an update replaces the object), so a list of them is a snapshot. */
  interface Capture { part: string, seq: number, collection: PartCollection | null, records: unknown[] | null, main: Record<string, unknown> }

  function captureFlush(part: string, seq: number): Capture {
    const data = state.data()
    const collection = part === MAIN_PART ? null : collectionOfPart(part)
    const records = collection ? membersOf(part) : null
    // The main file is written with every flush (it holds the manifest), so it is captured too.
    const main = structuredClone(Object.fromEntries(MAIN_KEYS.map(k => [k, data[k]])))
    return { part, seq, collection, records, main }
  }

  async function writeFlush(c: Capture): Promise<void> {
    if (c.collection && c.records) {
      const adapter = new SecureJsonFile<unknown>(partFile(dir, c.part))
      await adapter.writeText(partText(c.collection, c.seq, c.records))
      const count = c.records.length
      manifest = { ...manifest, [c.part]: { seq: c.seq, count, sha256: adapter.lastSha256() } }
      const d = dirty.get(c.part)
      if (d && d.seq <= c.seq) dirty.delete(c.part)
    }
    await writeMain(file, { schemaVersion: SCHEMA_VERSION, seq: c.seq, ...c.main, parts: manifest } as MainFile)
    const d = dirty.get(MAIN_PART)
    if (d && d.seq <= c.seq) dirty.delete(MAIN_PART)
  }

  /** Journal files whose every line is in the parts and the main file are deleted. */
  async function retireJournals(): Promise<void> {
    let oldestNeeded = Infinity
    for (const d of dirty.values()) oldestNeeded = Math.min(oldestNeeded, d.seq)
    while (retired.length > 0 && retired[0]!.lastSeq < oldestNeeded) {
      const j = retired.shift()!
      await unlink(join(dir, j.name)).catch(() => {})
    }
  }

  function scheduleFlush(): void {
    if (closed || timer || dirty.size === 0) return
    let next = Infinity
    for (const d of dirty.values()) next = Math.min(next, d.at + flushAfterMs)
    timer = setTimeout(() => {
      timer = null
      group.commit().catch((e: unknown) => logger.warn('background rewrite failed', { error: String(e) }))
    }, Math.max(50, next - now().getTime()))
    timer.unref()
  }

  async function flushAll(): Promise<void> {
    force = true
    try {
      let guard = dirty.size + 2
      while (dirty.size > 0 && guard-- > 0) await group.commit()
    }
    finally {
      force = false
    }
    // Everything is in the parts now: the journal so far can go.
    const name = writer.currentName
    if (dirty.size === 0 && name && writer.lines > 0) {
      retired.push({ name, lastSeq })
      writer.rotate()
      await retireJournals()
    }
  }

  await backups.maybe().catch((e: unknown) => logger.warn('daily backup failed', { error: String(e) }))
  return Object.assign(state, { writes: group.writes, idle: group.idle, flushAll })
}
