/**
 * One bot per merchant, as the file lock keeps one process per database file: a session-level
 * advisory lock on the merchant, held on a connection of its own for as long as the store is open.
 * Opening bumps the merchant's `generation`. If the lock's connection is lost (the server restarted),
 * the lock is taken again before the next write — but only when no other bot opened the merchant
 * meanwhile (the generation is still ours); otherwise writes are refused. Every commit statement also
 * checks that this lock's session still holds the lock (`fence`), so a lock the server dropped without
 * this process noticing stops the write instead of letting two bots write.
 */
import { sql, type RawBuilder } from 'kysely'
import pg from 'pg'
import type { Logger } from '../../../domain/logger.js'
import { LOCK_CLASS } from './migrations.js'

/** Another wxcrm has this merchant open (or opened it while this one had lost its lock). */
export class MerchantLockedError extends Error {
  override name = 'MerchantLockedError'
  readonly code = 'MERCHANT_LOCKED'
  constructor(readonly merchant: string, detail = '同一个数据库里一个商户只能有一个机器人') {
    super(`商户 ${merchant} 的数据正被另一个 wxcrm 使用（${detail}）。请先停止它，或换一个 WXCRM_MERCHANT。`)
  }
}

export interface MerchantLock {
  /** Makes sure the lock is still held (taken again after a lost connection); throws when it cannot be. */
  ensure(): Promise<void>
  /** A statement that fails (division by zero) unless this lock's session holds the lock: part of each commit. */
  fence(): RawBuilder<unknown>
  /** The lock turned out to be gone (a fence failed): the next `ensure()` takes it again, if it still may. */
  lost(): void
  release(): Promise<void>
}

/** Connections that give up instead of hanging when the network goes quiet. */
export const CONNECTION_OPTIONS = { connectionTimeoutMillis: 5_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 } as const

/**
 * Takes the merchant's lock, waiting up to `waitMs` for it: a bot that was just killed holds it until
 * the server has noticed its connection is gone, which on a restart can take a moment.
 */
export async function lockMerchant(url: string, merchant: string, logger: Logger, waitMs = 0): Promise<MerchantLock> {
  let client: pg.Client | null = null
  let pid = 0
  let generation = ''
  let releasing = false

  async function take(): Promise<void> {
    const c = new pg.Client({ connectionString: url, ...CONNECTION_OPTIONS })
    // A lost connection is noticed here and at the next write, never as an unhandled error.
    c.on('error', (e: Error) => {
      if (client === c) client = null
      if (!releasing) logger.warn('the merchant lock connection was lost; it is taken again before the next write', { merchant, error: e.message })
    })
    try {
      await c.connect()
      const { rows } = await c.query<{ ok: boolean, pid: number }>('SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok, pg_backend_pid() AS pid', [LOCK_CLASS, merchant])
      if (!rows[0]?.ok) throw new MerchantLockedError(merchant)
      pid = rows[0].pid
    }
    catch (error) {
      await c.end().catch(() => {})
      throw error
    }
    client = c
  }

  /** Opens the merchant: bumps its generation (the row exists once migrations ran and the merchant was made). */
  async function open(): Promise<void> {
    const { rows } = await client!.query<{ generation: string }>(
      `INSERT INTO wxcrm_merchants (merchant_id, schema_version) VALUES ($1, 0) ON CONFLICT (merchant_id) DO UPDATE SET generation = wxcrm_merchants.generation + 1 RETURNING generation::text AS generation`,
      [merchant])
    generation = rows[0]!.generation
  }

  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      await take()
      break
    }
    catch (error) {
      if (!(error instanceof MerchantLockedError) || Date.now() >= deadline) throw error
      await new Promise(resolve => setTimeout(resolve, 250))
    }
  }
  await open()
  return {
    async ensure() {
      if (client) return
      await take()
      const { rows } = await client!.query<{ generation: string }>('SELECT generation::text AS generation FROM wxcrm_merchants WHERE merchant_id = $1', [merchant])
      if (rows[0]?.generation !== generation) {
        const c = client as pg.Client | null
        client = null
        await c?.end().catch(() => {})
        throw new MerchantLockedError(merchant, '这个机器人和数据库断开期间，另一个机器人打开过这家店的数据；请重启这个机器人')
      }
    },
    fence() {
      // The two-key form of an advisory lock shows its keys as classid and objid (an oid: hashtext's int4 taken unsigned).
      return sql`SELECT 1 / (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ${pid}
        AND classid::bigint = ${LOCK_CLASS} AND objid::bigint = (hashtext(${merchant})::bigint + 4294967296) % 4294967296 AND objsubid = 2) AS held`
    },
    lost() {
      const c = client
      client = null
      void c?.end().catch(() => {})
    },
    async release() {
      releasing = true
      const c = client
      client = null
      if (c) await c.end().catch(() => {})
    },
  }
}
