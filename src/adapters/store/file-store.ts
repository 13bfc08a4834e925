/**
 * The embedded database (the engine users know as `lowdb`): a JSON main file with the small
 * collections, parts of bounded size for the large ones (MessagePack columns, one codec per
 * collection descriptor: collections.ts), and an append-only journal. lowdb itself is no longer
 * used here: what is left of it is its idea of one plain file per database, written atomically
 * (atomic-file.ts). A commit appends one journal line with what changed, fsyncs it and resolves;
 * parts are rewritten later in the background (part-flusher.ts), one at a time, from the state as it
 * stood at a journal line, so no write ever has to serialize the whole database.
 */
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Logger } from '../../domain/logger.js'
import { silentLogger } from '../../domain/logger.js'
import type { Store } from '../../domain/ports.js'
import type { Order } from '../../domain/types.js'
import { createDailyBackups, latestBackup } from './backups.js'
import { dayBefore, dropOldHandled, loadOrCreate } from './database-files.js'
import { LoadProblem, type Loaded } from './disk.js'
import { createGroupCommit } from './group-commit.js'
import { cutTornTail, JournalWriter } from './journal.js'
import { readOlderParts } from './older-parts.js'
import { dataDirOf } from './layout.js'
import { lockDatabase } from './lock-file.js'
import { createPartFlusher } from './part-flusher.js'
import type { DbData } from './schema.js'
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

export interface FileStoreOptions {
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
  /**
   * Open with the orders of the last days and read older order parts afterwards, in the background
   * (deferred-parts.ts): a bot answers new orders at once. Off for the command line, which needs everything.
   */
  olderOrdersLater?: boolean
}

/** Orders recorded within this many days are in memory from the start (the longest look-back of a new order is 3 days). */
export const RECENT_ORDER_DAYS = 7

export type FileStore = Store & {
  /** The whole database as it is in memory (for copying it elsewhere: records are never changed in place). */
  data(): DbData
  /** Number of journal writes so far. */
  writes(): number
  idle(): Promise<void>
  /** Rewrites every changed part now, so the journal can be retired. */
  flushAll(): Promise<void>
}

/**
 * Opens (or creates) the database and locks it for this process. A single-file database from an
 * older version is moved to the parts layout first (a copy of the old file is kept in backups/).
 * Throws DbLoadError when a file is not valid, DbLockedError when another process has it open.
 */
export async function openFileStore(options: FileStoreOptions): Promise<FileStore> {
  const { file } = options
  const dir = dataDirOf(file)
  const logger = options.logger ?? silentLogger
  const now = (): Date => options.now?.() ?? new Date()
  await mkdir(dirname(file), { recursive: true })
  const unlock = await lockDatabase(file)
  let loaded: Loaded
  const handledSince = dayBefore(now(), options.handledDays ?? 30)
  try {
    const recentSince = options.olderOrdersLater === true ? new Date(now().getTime() - RECENT_ORDER_DAYS * 86_400_000).toISOString() : undefined
    loaded = await loadOrCreate(file, dir, handledSince, options.today(), recentSince)
    await dropOldHandled(dir, loaded, handledSince)
    const last = loaded.journals.at(-1)
    if (last && last.tornAt !== null) cutTornTail(join(dir, last.name), last.tornAt)
  }
  catch (error) {
    await unlock()
    if (error instanceof LoadProblem) throw new DbLoadError(error.file, error.problem, await latestBackup(file))
    throw error
  }

  const journalBytes = options.journalBytes ?? 8 * 1024 * 1024
  let lastSeq = loaded.lastSeq
  const lastJournal = loaded.journals.at(-1)
  const retired = loaded.journals.filter(j => j !== lastJournal).map(j => ({ name: j.name, lastSeq: j.lastSeq }))
  const writer = new JournalWriter(dir, lastJournal ? { name: lastJournal.name, firstSeq: lastJournal.firstSeq, bytes: lastJournal.bytes, lines: lastJournal.lines } : null)
  const backups = createDailyBackups(file, dir, options)

  const state: StateStore = createStateStore(loaded.data, {
    track: true,
    loading: loaded.deferred.length > 0,
    commit: () => group.commit(),
    close: async () => {
      await older.stop()
      if (!state.loaded()) state.finishLoading(new Error('the database was closed before its older orders were read'))
      flusher.stop()
      await flushAll().catch((e: unknown) => logger.warn('could not rewrite the changed parts on close; the journal keeps them', { error: String(e) }))
      await unlock()
    },
  })

  const flusher = createPartFlusher({
    file,
    dir,
    data: () => state.data(),
    manifest: loaded.partFiles,
    dirty: loaded.dirty,
    retired,
    flushAfterMs: options.flushAfterMs ?? 5_000,
    now,
    logger,
    after: day => backups.maybe(day),
    today: options.today,
    poke: () => {
      group.commit().catch((e: unknown) => logger.warn('background rewrite failed', { error: String(e) }))
    },
  })

  const group = createGroupCommit({
    async write() {
      const ops = state.drainChanges()
      const seq = ops.length > 0 ? lastSeq + 1 : lastSeq
      const nowMs = now().getTime()
      const touched = new Set(ops.map(o => o.p))
      flusher.touched(touched, seq, nowMs)
      // Captured before any await: exactly the state the journal holds up to `seq`.
      const capture = flusher.next(seq, nowMs)
      try {
        if (ops.length > 0) await writer.append({ s: seq, ops })
      }
      catch (error) {
        flusher.untouched(touched, seq)
        throw error
      }
      lastSeq = seq
      state.changesSaved()
      if (writer.bytes >= journalBytes) {
        const name = writer.currentName
        if (name) retired.push({ name, lastSeq })
        writer.rotate()
      }
      // The commit is durable here; rewrites, journal retirement and the backup go on in the background.
      flusher.start(capture)
    },
    rollback() {
      // A line that may be on disk although its write failed: memory cannot be made to match it.
      if (writer.uncertain) throw new Error('the journal may hold a line whose write failed; restart to reload what is on disk')
      state.revertUnsaved()
    },
  })

  async function idle(): Promise<void> {
    await group.idle()
    await flusher.idle()
  }

  async function flushAll(): Promise<void> {
    flusher.setForce(true)
    try {
      await idle()
      let guard = flusher.pending() + 2
      while (flusher.pending() > 0 && guard-- > 0) {
        await group.commit()
        await idle()
      }
    }
    finally {
      flusher.setForce(false)
    }
    // Everything is in the parts now: the journal so far can go.
    const name = writer.currentName
    if (flusher.pending() === 0 && name && writer.lines > 0) {
      retired.push({ name, lastSeq })
      writer.rotate()
      await flusher.retire()
    }
  }

  await backups.maybe(options.today()).catch((e: unknown) => logger.warn('daily backup failed', { error: String(e) }))
  const older = readOlderParts(loaded.deferred, {
    add: records => state.addOlderOrders(records as Order[]),
    done: () => state.finishLoading(),
    failed: async (problem) => {
      const error = new DbLoadError(problem.file, problem.problem, await latestBackup(file))
      logger.error('an older order part cannot be read; the store stops answering', { error: error.message })
      state.finishLoading(error)
    },
  })
  return Object.assign(state, { writes: group.writes, idle, flushAll })
}
