/**
 * Moving a merchant's data into PostgreSQL (`wxcrm migrate`): everything is written in one
 * transaction in place of what the merchant had there (so a second run gives the same result), then
 * read back and compared with what was copied — per collection, the number of records and a SHA-256
 * of the records in order — before anyone is told it worked.
 */
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { DESCRIPTORS, type CollectionName } from '../collections.js'
import type { DbData } from '../schema.js'
import type { Logger } from '../../../domain/logger.js'
import { silentLogger } from '../../../domain/logger.js'
import { lockMerchant } from './merchant-lock.js'
import { runMigrations } from './migrations.js'
import { readMerchant } from './pg-load.js'
import { merchantNameProblem } from '../../../domain/merchant-name.js'
import { createPgDb, replaceMerchant } from './pg-store.js'
import { SCHEMA_VERSION } from '../schema.js'

export interface CollectionCheck { collection: CollectionName, from: { count: number, sha256: string }, to: { count: number, sha256: string } }

/** The number of records of a collection and a checksum of them, in order. */
export function collectionSum(c: CollectionName, value: unknown): { count: number, sha256: string } {
  const hash = createHash('sha256')
  const records = DESCRIPTORS[c].kind === 'map' ? Object.entries(value as Record<string, unknown>) : value as unknown[]
  for (const r of records) hash.update(`${JSON.stringify(r)}\n`)
  return { count: records.length, sha256: hash.digest('hex') }
}

/** The merchant already has data in the database and `replace` was not asked for: nothing was written. */
export class MerchantHasDataError extends Error {
  override name = 'MerchantHasDataError'
}

/**
 * Copies `data` as the merchant's, reads it back, and says per collection whether both sides agree.
 * A merchant that already has orders or customers there is replaced only with `replace` (else this
 * could wipe what a bot recorded there since).
 */
export async function copyMerchant(data: DbData, to: { url: string, merchant: string, replace?: boolean }, logger: Logger = silentLogger): Promise<{ checks: CollectionCheck[], same: boolean }> {
  const badName = merchantNameProblem(to.merchant)
  if (badName) throw new Error(badName)
  const db = createPgDb(to.url)
  let lock: Awaited<ReturnType<typeof lockMerchant>> | null = null
  try {
    await runMigrations(db)
    // A bot running on this merchant would go on from what it has in memory: refused, as a second bot is.
    lock = await lockMerchant(to.url, to.merchant, logger)
    if (!to.replace) {
      const { rows } = await sql<{ orders: string, customers: string }>`SELECT (SELECT count(*) FROM wx_orders WHERE merchant_id = ${to.merchant})::text AS orders,
        (SELECT count(*) FROM wx_customers WHERE merchant_id = ${to.merchant})::text AS customers`.execute(db)
      const { orders, customers } = rows[0]!
      if (orders !== '0' || customers !== '0') {
        throw new MerchantHasDataError(`商户 ${to.merchant} 在这个数据库里已经有 ${orders} 单、${customers} 位客户，没有改动。确认要用文件整份替换（之后记下的单会丢），加 --replace 再运行。`)
      }
    }
    await replaceMerchant(db, to.merchant, data)
    const back = (await readMerchant(db, to.merchant, SCHEMA_VERSION)).data
    const checks = (Object.keys(DESCRIPTORS) as CollectionName[]).map(c => ({ collection: c, from: collectionSum(c, data[c]), to: collectionSum(c, back[c]) }))
    return { checks, same: checks.every(k => k.from.count === k.to.count && k.from.sha256 === k.to.sha256) }
  }
  finally {
    await lock?.release()
    await db.destroy()
  }
}
