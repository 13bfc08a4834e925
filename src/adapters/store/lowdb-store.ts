/** The embedded database: one lowdb JSON file, validated on load, written with group commit. */
import { copyFile, mkdir, readdir, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Low } from 'lowdb'
import type { Store } from '../../domain/ports.js'
import { createGroupCommit } from './group-commit.js'
import { lockDatabase } from './lock-file.js'
import { dbSchema, emptyDb, firstProblem, migrate, SCHEMA_VERSION, type DbData } from './schema.js'
import { MISSING, SecureJsonFile } from './secure-json-file.js'
import { createStateStore } from './state-store.js'

/** The database file exists but cannot be used; start-up stops and the file is left as it is. */
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
}

export type LowdbStore = Store & { writes(): number, idle(): Promise<void> }

/**
 * Opens (or creates) the database file and locks it for this process. Throws DbLoadError when the
 * file is not valid, DbLockedError when another process has it open.
 */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<LowdbStore> {
  const { file } = options
  await mkdir(dirname(file), { recursive: true })
  const unlock = await lockDatabase(file)
  const adapter = new SecureJsonFile<DbData>(file)
  let data: DbData | null
  try {
    data = await loadValid(adapter, file)
  }
  catch (error) {
    await unlock()
    throw error
  }
  const fresh = data === null
  const db = new Low<DbData | typeof MISSING>(adapter, emptyDb())
  const initial = data ?? emptyDb()
  pruneHandled(initial, options)

  const backups = join(dirname(file), 'backups')
  let lastBackupDay: string | null = null
  async function dailyBackup(): Promise<void> {
    const kept = options.backupsKept ?? 7
    const day = options.today()
    if (kept <= 0 || lastBackupDay === day) return
    lastBackupDay = day
    await mkdir(backups, { recursive: true, mode: 0o700 })
    const target = join(backups, `${basename(file, '.json')}-${day}.json`)
    if (!(await exists(target))) await copyFile(file, target)
    const all = (await readdir(backups)).filter(f => f.startsWith(`${basename(file, '.json')}-`)).sort()
    for (const old of all.slice(0, Math.max(0, all.length - kept))) await unlink(join(backups, old))
  }

  const state = createStateStore(initial, {
    commit: () => group.commit(),
    close: async () => {
      await group.idle()
      await unlock()
    },
  })
  const group = createGroupCommit({
    async write() {
      db.data = state.data()
      await db.write()
      await dailyBackup().catch(() => {})
    },
    rollback() {
      // Back to exactly what is on disk, from memory, in this same step.
      const good = adapter.lastGood()
      state.replaceData(good === null ? emptyDb() : migrate(JSON.parse(good)) as DbData)
    },
  })
  if (fresh) await state.commit()
  else await dailyBackup().catch(() => {})
  return Object.assign(state, { writes: group.writes, idle: group.idle })
}

async function loadValid(adapter: SecureJsonFile<DbData>, file: string): Promise<DbData | null> {
  let raw: unknown
  try {
    raw = await adapter.read()
  }
  catch (e) {
    const why = e instanceof SyntaxError ? `不是有效的 JSON（${e.message}）` : String((e as Error).message)
    throw new DbLoadError(file, why, await latestBackup(file))
  }
  if (raw === MISSING) return null
  const version = (raw as { schemaVersion?: unknown }).schemaVersion
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new DbLoadError(file, `schemaVersion ${version} 比本程序支持的 ${SCHEMA_VERSION} 新，请升级 wxcrm`, await latestBackup(file))
  }
  const parsed = dbSchema.safeParse(migrate(raw))
  if (!parsed.success) throw new DbLoadError(file, firstProblem(parsed.error), await latestBackup(file))
  return parsed.data
}

/** The newest daily backup of `file`, if any. */
export async function latestBackup(file: string): Promise<string | null> {
  const dir = join(dirname(file), 'backups')
  const names = await readdir(dir).catch(() => [] as string[])
  const mine = names.filter(n => n.startsWith(`${basename(file, '.json')}-`)).sort()
  const last = mine.at(-1)
  return last ? join(dir, last) : null
}

function pruneHandled(data: DbData, options: LowdbStoreOptions): void {
  const days = options.handledDays ?? 30
  const cutoff = (options.now?.() ?? new Date()).getTime() - days * 86_400_000
  data.handled = data.handled.filter(h => Date.parse(h.at) >= cutoff)
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false)
}
