/**
 * One bot per merchant, as the file lock keeps one process per database file: a session-level
 * advisory lock on the merchant, held on a connection of its own for as long as the store is open.
 * If that connection drops (the server restarted), the lock went with it: it is taken again before
 * the next write, and a write is refused when another bot took it meanwhile.
 */
import pg from 'pg'
import type { Logger } from '../../../domain/logger.js'
import { LOCK_CLASS } from './migrations.js'

/** Another wxcrm has this merchant open. */
export class MerchantLockedError extends Error {
  override name = 'MerchantLockedError'
  constructor(readonly merchant: string) {
    super(`商户 ${merchant} 的数据正被另一个 wxcrm 使用（同一个数据库里一个商户只能有一个机器人）。请先停止它，或换一个 WXCRM_MERCHANT。`)
  }
}

export interface MerchantLock {
  /** Makes sure the lock is still held (taken again after a lost connection); throws when it cannot be. */
  ensure(): Promise<void>
  release(): Promise<void>
}

/**
 * Takes the merchant's lock, waiting up to `waitMs` for it: a bot that was just killed holds it until
 * the server has noticed its connection is gone, which on a restart can take a moment.
 */
export async function lockMerchant(url: string, merchant: string, logger: Logger, waitMs = 0): Promise<MerchantLock> {
  let client: pg.Client | null = null
  let releasing = false

  async function take(): Promise<void> {
    const c = new pg.Client({ connectionString: url })
    // A lost connection is noticed here and at the next write, never as an unhandled error.
    c.on('error', (e: Error) => {
      if (client === c) client = null
      if (!releasing) logger.warn('the merchant lock connection was lost; it is taken again before the next write', { merchant, error: e.message })
    })
    await c.connect()
    const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok', [LOCK_CLASS, merchant])
    if (!rows[0]?.ok) {
      await c.end().catch(() => {})
      throw new MerchantLockedError(merchant)
    }
    client = c
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
  return {
    async ensure() {
      if (client) return
      await take()
    },
    async release() {
      releasing = true
      const c = client
      client = null
      if (c) await c.end().catch(() => {})
    },
  }
}
