import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { MerchantLockedError } from '../../src/adapters/store/pg/merchant-lock.js'
import { appliedMigrations, LATEST, runMigrations } from '../../src/adapters/store/pg/migrations.js'
import { PgDataProblem } from '../../src/adapters/store/pg/pg-load.js'
import { createPgDb, openPgStore, PgUnavailableError, replaceMerchant, type PgStore } from '../../src/adapters/store/pg/pg-store.js'
import { TABLES } from '../../src/adapters/store/pg/tables.js'
import { SCHEMA_VERSION } from '../../src/adapters/store/schema.js'
import { SERVER_FAILED_REPLY, storageAlertText, storageFailureCode } from '../../src/app/router/storage-alert.js'
import { OrdersLoading, type Store } from '../../src/domain/ports.js'
import { runStoreContract } from '../contract/store.case.js'
import { aCustomer, anOrder } from '../helpers/builders.js'
import { LARGE_ORDERS, largeDatabase } from '../helpers/large-db.js'
import { usePostgres } from '../helpers/postgres.js'
import { withAgents } from '../helpers/test-app.js'

const pg = usePostgres()
const contractNow = () => new Date('2026-11-23T09:00:00.000Z')
let shared: string | null = null
let merchants = 0
const where = new WeakMap<Store, { url: string, merchant: string }>()

async function open(url: string, merchant: string): Promise<PgStore> {
  const s = await openPgStore({ url, merchant, now: contractNow, lockWaitMs: 0 })
  where.set(s, { url, merchant })
  return s
}

runStoreContract('postgres', {
  open: async () => {
    shared ??= await pg.server.freshDatabase()
    return open(shared, `m${++merchants}`)
  },
  reopen: async (store) => {
    await store.close()
    const w = where.get(store)!
    return open(w.url, w.merchant)
  },
})

describe('PostgreSQL engine', () => {
  it('keeps merchants apart: neither reads nor changes the other\'s rows', async () => {
    const url = await pg.server.freshDatabase()
    const a = await open(url, 'shop-a')
    const b = await open(url, 'shop-b')
    a.customers.add(aCustomer({ id: 'c1', name: '张三', phone: '13800138000' }))
    a.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1', amountFen: 39_800 }))
    await a.commit()
    b.customers.add(aCustomer({ id: 'c1', name: '李四', phone: '13900139000' }))
    await b.commit()
    await a.close()
    await b.close()
    const a2 = await open(url, 'shop-a')
    const b2 = await open(url, 'shop-b')
    expect(a2.customers.all().map(c => c.name)).toEqual(['张三'])
    expect(a2.orders.all().map(o => o.id)).toEqual(['o1'])
    expect(b2.customers.all().map(c => c.name)).toEqual(['李四'])
    expect(b2.orders.all()).toEqual([])
    await a2.close()
    await b2.close()
    // Every row is the merchant's own: the same customer id is two rows, one per merchant.
    const db = createPgDb(url)
    const rows = await sql<{ merchant_id: string, name: string }>`SELECT merchant_id, data->>'name' AS name FROM wx_customers ORDER BY merchant_id`.execute(db)
    expect(rows.rows).toEqual([{ merchant_id: 'shop-a', name: '张三' }, { merchant_id: 'shop-b', name: '李四' }])
    await db.destroy()
  })

  it('refuses a second bot for a merchant that is open, and lets it in once the first closes', async () => {
    const url = await pg.server.freshDatabase()
    const first = await open(url, 'shop')
    await expect(open(url, 'shop')).rejects.toBeInstanceOf(MerchantLockedError)
    const other = await open(url, 'another-shop')
    await other.close()
    await first.close()
    const again = await open(url, 'shop')
    await again.close()
  })

  it('writes only what changed of the small collections, and keeps their order when one in the middle goes', async () => {
    const url = await pg.server.freshDatabase()
    const s = await open(url, 'shop')
    const product = (id: string, name: string) => ({ id, name, aliases: [], unit: '盒', priceFen: 100, seenPricesFen: [], costFen: null, lines: 0, createdAt: '2026-11-23T00:00:00.000Z', updatedAt: '2026-11-23T00:00:00.000Z' })
    for (const [id, name] of [['p1', '面膜'], ['p2', '眼霜'], ['p3', '精华']] as const) s.products.add(product(id, name))
    await s.commit()
    s.products.remove('p2')
    s.products.update({ ...product('p3', '精华'), priceFen: 300 })
    s.products.add(product('p4', '洗面奶'))
    await s.commit()
    await s.close()
    const again = await open(url, 'shop')
    expect(again.products.all().map(p => [p.id, p.priceFen])).toEqual([['p1', 100], ['p3', 300], ['p4', 100]])
    await again.close()
  })

  it('takes its lock again after the server dropped it, unless another bot opened the merchant in between', async () => {
    const url = await pg.server.freshDatabase()
    const db = createPgDb(url)
    const dropLocks = () => sql`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2`.execute(db)
    const s = await open(url, 'shop')
    s.customers.add(aCustomer({ id: 'c1', name: '张三' }))
    await s.commit()
    // Dropped, nobody else came: the next write goes through (the first may fail while the loss is noticed).
    await dropLocks()
    s.customers.add(aCustomer({ id: 'c2', name: '李四' }))
    await s.commit().catch(async () => {
      s.customers.add(aCustomer({ id: 'c2', name: '李四' }))
      await s.commit()
    })
    // Dropped, and another bot opened the merchant meanwhile: this one's writes are refused.
    await dropLocks()
    const other = await open(url, 'shop')
    // (The first write may instead find the lock gone through its fence; the next one is refused for good.)
    s.customers.add(aCustomer({ id: 'c3', name: '王五' }))
    await expect(s.commit()).rejects.toThrow()
    s.customers.add(aCustomer({ id: 'c3', name: '王五' }))
    await expect(s.commit()).rejects.toBeInstanceOf(MerchantLockedError)
    expect(other.customers.all().map(c => c.name)).toEqual(['张三', '李四'])
    await other.close()
    await s.close()
    await db.destroy()
  })

  it('puts merchant_id first in every primary key and index', async () => {
    const url = await pg.server.freshDatabase()
    const db = createPgDb(url)
    await runMigrations(db)
    const { rows } = await sql<{ tablename: string, indexdef: string }>`SELECT tablename, indexdef FROM pg_indexes WHERE tablename LIKE 'wx\\_%'`.execute(db)
    expect(new Set(rows.map(r => r.tablename))).toEqual(new Set(TABLES.map(t => t.table)))
    for (const r of rows) expect(r.indexdef).toMatch(/USING btree \(merchant_id[,)]/)
    await db.destroy()
  })

  it('migrates an empty database and one at the previous version, and several bots migrating at once', async () => {
    const url = await pg.server.freshDatabase()
    const db = createPgDb(url)
    expect(await appliedMigrations(db)).toEqual([])
    expect(await runMigrations(db, LATEST - 1)).toEqual(Array.from({ length: LATEST - 1 }, (_, i) => i + 1))
    await sql`INSERT INTO wxcrm_merchants (merchant_id, schema_version) VALUES ('old-shop', 7)`.execute(db)
    // Three bots starting together: one applies the last step, the others find it done.
    const results = await Promise.all([runMigrations(createPgDb(url)), runMigrations(createPgDb(url)), runMigrations(createPgDb(url))])
    expect(results.flat()).toEqual([LATEST])
    expect(await appliedMigrations(db)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1))
    const kept = await sql<{ merchant_id: string }>`SELECT merchant_id FROM wxcrm_merchants`.execute(db)
    expect(kept.rows).toEqual([{ merchant_id: 'old-shop' }])
    await db.destroy()
  })

  it('refuses a merchant whose data a newer wxcrm wrote, asking for an upgrade, and leaves the data as it is', async () => {
    const url = await pg.server.freshDatabase()
    const s = await open(url, 'shop')
    s.customers.add(aCustomer({ id: 'c1', name: '张三' }))
    await s.commit()
    await s.close()
    const db = createPgDb(url)
    await sql`UPDATE wxcrm_merchants SET schema_version = ${SCHEMA_VERSION + 1} WHERE merchant_id = 'shop'`.execute(db)
    await sql`INSERT INTO wx_handled (merchant_id, ord, data) VALUES ('shop', 1000, ${JSON.stringify({ id: 'old-message', at: '2020-01-01T00:00:00.000Z' })}::json)`.execute(db)
    const handledBefore = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM wx_handled WHERE merchant_id = 'shop'`.execute(db)).rows[0]!.n)
    const refused = await open(url, 'shop').then(() => null, (e: unknown) => e)
    expect(refused).toBeInstanceOf(PgDataProblem)
    expect((refused as Error).message).toContain('请升级 wxcrm')
    const kept = await sql<{ key: string, v: number }>`SELECT c.key, m.schema_version AS v FROM wx_customers c JOIN wxcrm_merchants m USING (merchant_id) WHERE merchant_id = 'shop'`.execute(db)
    expect(kept.rows).toEqual([{ key: 'c1', v: SCHEMA_VERSION + 1 }])
    // Not even the message ids older than 30 days are dropped.
    expect((await sql<{ n: string }>`SELECT count(*) AS n FROM wx_handled WHERE merchant_id = 'shop'`.execute(db)).rows[0]!.n).toBe(String(handledBefore))
    await db.destroy()
  })

  it('answers NOT recorded while the server is down, leaves nothing half-written, and reconnects by itself', async () => {
    const url = await pg.server.freshDatabase()
    const s = await open(url, 'shop')
    s.customers.add(aCustomer({ id: 'c1', name: '张三' }))
    await s.commit()
    await pg.server.stop()
    try {
      s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
      const failed = await s.commit().then(() => null, (e: unknown) => e)
      expect(failed).toBeInstanceOf(PgUnavailableError)
      expect(storageFailureCode(failed)).toBe('PG_UNAVAILABLE')
      // Memory is back to what the database holds.
      expect(s.orders.all()).toEqual([])
    }
    finally {
      await pg.server.start()
    }
    s.orders.add(anOrder({ id: 'o2', no: 2, customerId: 'c1' }))
    await s.commit()
    await s.close()
    const again = await open(url, 'shop')
    expect(again.orders.all().map(o => o.id)).toEqual(['o2'])
    await again.close()
  })
})

describe('a large merchant opened by the bot', () => {
  const now = () => new Date('2026-12-07T09:00:00.000Z')

  it('answers with the orders of the last days at once and reads the older ones after, in order', async () => {
    const url = await pg.server.freshDatabase()
    const db = createPgDb(url)
    await runMigrations(db)
    await replaceMerchant(db, 'big', largeDatabase())
    await db.destroy()
    const s = await openPgStore({ url, merchant: 'big', now, lockWaitMs: 0, olderOrdersLater: true })
    expect(s.loaded()).toBe(false)
    expect(s.orders.byNo(LARGE_ORDERS)?.placedOn).toBe('2026-12-05')
    expect(() => s.orders.all()).toThrow(OrdersLoading)
    await s.whenLoaded()
    const all = s.orders.all()
    expect(all).toHaveLength(LARGE_ORDERS)
    expect(all.every((o, i) => o.no === i + 1)).toBe(true)
    expect(s.orders.ofCustomer('c1')).toHaveLength(LARGE_ORDERS / 50)
    await s.close()
  })

  it('keeps every order in its place when more than one chunk of orders is from the last days', async () => {
    const url = await pg.server.freshDatabase()
    const db = createPgDb(url)
    await runMigrations(db)
    const data = largeDatabase()
    data.orders = data.orders.map(o => ({ ...o, placedOn: '2026-12-05', recordedAt: '2026-12-05T04:00:00.000Z' }))
    await replaceMerchant(db, 'big', data)
    await db.destroy()
    const s = await openPgStore({ url, merchant: 'big', now, lockWaitMs: 0, olderOrdersLater: true })
    await s.whenLoaded()
    s.orders.add(anOrder({ id: `o${LARGE_ORDERS + 1}`, no: LARGE_ORDERS + 1, customerId: 'c1' }))
    await s.commit()
    await s.close()
    const again = await openPgStore({ url, merchant: 'big', now, lockWaitMs: 0 })
    const all = again.orders.all()
    expect(all).toHaveLength(LARGE_ORDERS + 1)
    expect(all.every((o, i) => o.no === i + 1)).toBe(true)
    await again.close()
  })

  it('stops answering with the reason when an older order row was edited into something wxcrm never writes', async () => {
    const url = await pg.server.freshDatabase()
    const db = createPgDb(url)
    await runMigrations(db)
    await replaceMerchant(db, 'big', largeDatabase())
    await sql`UPDATE wx_orders SET data = '{"id":"o3","no":"three"}' WHERE merchant_id = 'big' AND key = 'o3'`.execute(db)
    await db.destroy()
    const s = await openPgStore({ url, merchant: 'big', now, lockWaitMs: 0, olderOrdersLater: true })
    const failed = await s.whenLoaded().then(() => null, (e: unknown) => e)
    expect(failed).toBeInstanceOf(PgDataProblem)
    expect(String((failed as Error).message)).toContain('商户 big 的订单数据被改坏了')
    await s.close()
    // The command line reads everything first: it refuses at once.
    await expect(openPgStore({ url, merchant: 'big', now, lockWaitMs: 0 })).rejects.toBeInstanceOf(PgDataProblem)
  })
})

describe('the bot on PostgreSQL while the server is down', () => {
  it('tells the agent NOT recorded, alerts the admins once, keeps nothing, and records the order once the server is back', async () => {
    const url = await pg.server.freshDatabase()
    const store = await open(url, 'shop')
    const app = await withAgents({ store })
    await pg.server.stop()
    let sent: { conversationId: string, text: string }[] = []
    try {
      const before = app.chat.sent.length
      await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付', { id: 'm-down' })
      expect(await app.say(app.wang, '李四 13900139000 面膜1盒 199 已付', { id: 'm-down-2' })).toEqual([SERVER_FAILED_REPLY])
      sent = app.chat.sent.slice(before)
    }
    finally {
      await pg.server.start()
    }
    expect(sent.filter(m => m.conversationId === 'wx-wang').map(m => m.text)).toEqual([SERVER_FAILED_REPLY, SERVER_FAILED_REPLY])
    expect(sent.filter(m => m.conversationId === 'wx-boss').map(m => m.text)).toEqual([storageAlertText('PG_UNAVAILABLE')])
    expect(store.orders.all()).toHaveLength(0)
    expect((await app.say(app.wang, '张三 13800138000 面膜2盒 398 已付', { id: 'm-down' }))[0]).toContain('已记录')
    await store.close()
    const again = await open(url, 'shop')
    expect(again.orders.all().map(o => o.amountFen)).toEqual([39_800])
    expect(again.customers.all().map(c => c.name)).toEqual(['张三'])
    await again.close()
  })
})

describe('keys in the key column', () => {
  it('stores any key, NUL and backslashes included, and reads the same key back', async () => {
    const { keyFromStored, storedKey } = await import('../../src/adapters/store/pg/tables.js')
    const fc = (await import('fast-check')).default
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', '\\', '0', '\u0000', '张') }), (key) => {
      const stored = storedKey(key)
      expect(stored).not.toContain('\u0000')
      expect(keyFromStored(stored)).toBe(key)
    }))
  })
})
