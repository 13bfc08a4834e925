/**
 * The PostgreSQL engine: one merchant's records loaded into the process at start (the same in-memory
 * state and indexes as the file store: reads never wait), every group commit written through as one
 * transaction — the callers are released after COMMIT. When the server is down or refuses, the commit
 * rejects, memory goes back to what the database holds, and the pool connects again by itself for the
 * next one. Many merchants share one database: every row carries `merchant_id`, every statement is
 * scoped by it, and an advisory lock keeps a second bot off a merchant that is open.
 */
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Logger } from '../../../domain/logger.js'
import { silentLogger } from '../../../domain/logger.js'
import type { Store } from '../../../domain/ports.js'
import { merchantNameProblem } from '../../../domain/merchant-name.js'
import type { Order } from '../../../domain/types.js'
import { RECENT_ORDER_DAYS } from '../file-store.js'
import type { CollectionName } from '../collections.js'
import { createGroupCommit } from '../group-commit.js'
import { emptyDb, SCHEMA_VERSION, type DbData } from '../schema.js'
import { createStateStore, type StateStore } from '../state-store.js'
import { CONNECTION_OPTIONS, lockMerchant, MerchantLockedError } from './merchant-lock.js'
import { runMigrations } from './migrations.js'
import { commitWrites, WrittenMain } from './pg-commit.js'
import { PgDataProblem, readMerchant, readOlderOrders, type MerchantRead } from './pg-load.js'
import { rowsOf, statementsOf, writesOf, type TableWrite } from './pg-rows.js'
import { TABLES } from './tables.js'

export interface PgStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string
  /** The tenant: whose rows this store reads and writes. */
  merchant: string
  now?: () => Date
  /** Remembered message ids older than this many days are dropped on open. */
  handledDays?: number
  logger?: Logger
  /** How long to wait for the merchant's lock held by another bot (one just killed lets go in a moment); default 10 s. */
  lockWaitMs?: number
  /** Open with the orders of the last days and read older ones afterwards (the bot); the command line reads everything first. */
  olderOrdersLater?: boolean
}

export type PgStore = Store & {
  /** Number of transactions written so far. */
  writes(): number
  idle(): Promise<void>
}

/** A write the database server did not take (down, unreachable, refusing): the change is not recorded. */
export class PgUnavailableError extends Error {
  override name = 'PgUnavailableError'
  readonly code = 'PG_UNAVAILABLE'
  constructor(readonly cause: unknown) {
    super(`PostgreSQL 写入失败：${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

/** SQLSTATE classes and codes of a server that cannot take writes now: connection, shutdown, resources, read-only (a standby), system errors. */
const UNAVAILABLE_STATES = /^(08|53|58|57P0[123]|25006|22012)/
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])

/** A failed write in the store's terms: the server unavailable (retry later), another bot, or the error itself. */
function asStoreError(error: unknown): unknown {
  if (error instanceof MerchantLockedError) return error
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : ''
  const unavailable = typeof code === 'string' ? UNAVAILABLE_STATES.test(code) || UNAVAILABLE_ERRNOS.has(code) : /Connection terminated|timeout|connect/i.test(message)
  return unavailable ? new PgUnavailableError(error) : error
}

/** A Kysely over a small pool of connections to `url` that time out instead of hanging. */
export function createPgDb(url: string, max = 4): Kysely<unknown> {
  const pool = new pg.Pool({ connectionString: url, max, ...CONNECTION_OPTIONS, query_timeout: 120_000 })
  // A connection the server dropped while idle is replaced on next use; it must not crash the process.
  pool.on('error', () => {})
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) })
}

/** Opens a merchant's data (creating the tables and the merchant when missing) and locks the merchant. */
export async function openPgStore(options: PgStoreOptions): Promise<PgStore> {
  const { merchant } = options
  const badName = merchantNameProblem(merchant)
  if (badName) throw new Error(badName)
  const logger = options.logger ?? silentLogger
  const now = (): Date => options.now?.() ?? new Date()
  const db = createPgDb(options.url)
  let lock: Awaited<ReturnType<typeof lockMerchant>> | null = null
  let loaded: MerchantRead
  try {
    await runMigrations(db)
    lock = await lockMerchant(options.url, merchant, logger, options.lockWaitMs ?? 10_000)
    const recentSince = options.olderOrdersLater === true ? new Date(now().getTime() - RECENT_ORDER_DAYS * 86_400_000).toISOString() : undefined
    loaded = await openMerchant(db, merchant, now(), options.handledDays ?? 30, recentSince)
  }
  catch (error) {
    await lock?.release()
    await db.destroy()
    throw error
  }
  const { nextOrd } = loaded
  const written = new WrittenMain(loaded.data)

  const state: StateStore = createStateStore(loaded.data, {
    track: true,
    loading: loaded.olderBefore !== null,
    commit: () => group.commit(),
    close: async () => {
      await older.stop()
      if (!state.loaded()) state.finishLoading(new Error('the database was closed before its older orders were read'))
      await group.idle()
      await lock!.release()
      await db.destroy()
    },
  })

  const group = createGroupCommit({
    async write() {
      const ops = state.drainChanges()
      if (ops.length === 0) return
      // Numbers for new rows are never given back: a commit whose reply was lost may have used them.
      const writes = writesOf(ops, nextOrd)
      try {
        await lock!.ensure()
        await commitWrites(db, merchant, writes, written, lock!.fence())
      }
      catch (error) {
        written.forget(writes)
        // The fence found the lock gone: taken again before the next write, if no other bot came in between.
        if ((error as { code?: unknown }).code === '22012') lock!.lost()
        throw asStoreError(error)
      }
      state.changesSaved()
    },
    rollback() {
      // The statement did not commit (or its answer was lost): memory goes back to what was last confirmed.
      state.revertUnsaved()
    },
  })

  const older = readOlderOrders(db, merchant, loaded.olderBefore, {
    add: records => state.addOlderOrders(records as Order[]),
    done: () => state.finishLoading(),
    failed: (error) => {
      logger.error('older orders cannot be read; the store stops answering', { error: error.message })
      state.finishLoading(error)
    },
  })
  return Object.assign(state, { writes: group.writes, idle: () => group.idle() })
}

async function openMerchant(db: Kysely<unknown>, merchant: string, now: Date, handledDays: number, recentSince: string | undefined): Promise<MerchantRead> {
  // The merchant's row was made by the lock when missing (version 0: no data written yet).
  const found = await sql<{ schema_version: number }>`SELECT schema_version FROM wxcrm_merchants WHERE merchant_id = ${merchant}`.execute(db)
  if ((found.rows[0]?.schema_version ?? 0) === 0) {
    await sql`UPDATE wxcrm_merchants SET schema_version = ${SCHEMA_VERSION} WHERE merchant_id = ${merchant}`.execute(db)
    return { data: emptyDb(), nextOrd: new Map<CollectionName, number>(), olderBefore: null }
  }
  const version = found.rows[0]!.schema_version
  if (version > SCHEMA_VERSION) throw new PgDataProblem(`商户 ${merchant} 的数据是更新版本的 wxcrm 写的（数据版本 ${version}，这个 wxcrm 只认到 ${SCHEMA_VERSION}）：请升级 wxcrm 再启动，数据没有动过。`)
  // Message ids are remembered 30 days, as in the file store.
  const since = new Date(now.getTime() - handledDays * 86_400_000).toISOString().slice(0, 10)
  await sql`DELETE FROM wx_handled WHERE merchant_id = ${merchant} AND data->>'at' < ${since}`.execute(db)
  const loaded = await readMerchant(db, merchant, version, version === SCHEMA_VERSION ? recentSince : undefined)
  if (version !== SCHEMA_VERSION) {
    // Data of an older wxcrm: written back in the current shape, once.
    await replaceMerchant(db, merchant, loaded.data)
    return readMerchant(db, merchant, SCHEMA_VERSION)
  }
  return loaded
}

/** Writes a merchant's whole data in one transaction (replacing what is there), at the current version. */
export async function replaceMerchant(db: Kysely<unknown>, merchant: string, data: DbData): Promise<void> {
  const writes: TableWrite[] = TABLES.map(t => ({ table: t, whole: true, rows: rowsOf(t.collection, data[t.collection]) }))
  await db.transaction().execute(async (trx) => {
    await sql`INSERT INTO wxcrm_merchants (merchant_id, schema_version) VALUES (${merchant}, ${SCHEMA_VERSION})
      ON CONFLICT (merchant_id) DO UPDATE SET schema_version = EXCLUDED.schema_version`.execute(trx)
    for (const w of writes) for (const statement of statementsOf(w, merchant)) await statement.execute(trx)
  })
}
