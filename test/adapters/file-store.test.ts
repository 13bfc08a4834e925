import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pack, unpack } from 'msgpackr'
import { afterEach, describe, expect, it } from 'vitest'
import { DbLockedError } from '../../src/adapters/store/lock-file.js'
import { DbLoadError, moveDatabase, openFileStore, type FileStore } from '../../src/adapters/store/file-store.js'
import { dataDirOf } from '../../src/adapters/store/layout.js'
import { sha256 } from '../../src/adapters/store/atomic-file.js'
import { migrate } from '../../src/adapters/store/migrate.js'
import { dbSchema, emptyDb, SCHEMA_VERSION, SINGLE_FILE_VERSION } from '../../src/adapters/store/schema.js'
import type { Store } from '../../src/domain/ports.js'
import { runStoreContract } from '../contract/store.case.js'
import { aCustomer, anOrder, anOutboxEntry } from '../helpers/builders.js'
import { addFullRecords, expectFullRecords, FULL_RECORDS } from '../helpers/full-records.js'

const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wxcrm-db-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const files = new WeakMap<Store, string>()
const open = async (file: string, extra: Partial<Parameters<typeof openFileStore>[0]> = {}): Promise<FileStore> => {
  const s = await openFileStore({ file, today: () => '2026-11-23', ...extra })
  files.set(s, file)
  return s
}

// A fixed clock, so that remembered message ids of the contract's fixed days are never too old.
const contractNow = () => new Date('2026-11-23T09:00:00.000Z')
runStoreContract('file', {
  open: async () => open(join(tempDir(), 'db.json'), { now: contractNow }),
  reopen: async (store) => {
    await store.close()
    return open(files.get(store)!, { now: contractNow })
  },
})

/** A database file in the single-file layout of version 5 and before. */
function singleFile(data: Record<string, unknown>): string {
  return JSON.stringify({ ...data, schemaVersion: SINGLE_FILE_VERSION })
}
function journalText(file: string): string {
  const dir = dataDirOf(file)
  return readdirSync(dir).filter(n => n.startsWith('journal-')).sort().map(n => readFileSync(join(dir, n), 'utf8')).join('')
}
function journals(file: string): string[] {
  return readdirSync(dataDirOf(file)).filter(n => n.startsWith('journal-')).sort()
}

describe('file store on disk', () => {
  it('creates every file owner-only (0600) and its directories owner-only (0700)', async () => {
    const file = join(tempDir(), 'sub', 'db.json')
    const s = await open(file, { flushAfterMs: 0 })
    s.customers.add(aCustomer({ id: 'c1' }))
    s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
    await s.commit()
    await s.flushAll()
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION)
    const dir = dataDirOf(file)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    const names = readdirSync(dir)
    expect(names).toEqual(expect.arrayContaining(['orders-0.msgpack', 'customers-0.msgpack']))
    for (const name of names) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600)
    await s.close()
  })

  it('shares one journal write among a burst of commits, and releases each only when its change is on disk', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file)
    const before = s.writes()
    const seenOnDisk = await Promise.all(Array.from({ length: 50 }, (_, i) => {
      s.orders.add(anOrder({ id: `o${i}`, no: i + 1, customerId: 'c1' }))
      return s.commit().then(() => journalText(file).includes(`"id":"o${i}"`))
    }))
    expect(seenOnDisk.every(Boolean)).toBe(true)
    expect(s.writes() - before).toBeLessThanOrEqual(2)
  })

  it('writes only what changed: a commit appends one journal line, whatever the database holds', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file)
    for (let i = 1; i <= 2000; i++) s.orders.add(anOrder({ id: `o${i}`, no: i, customerId: 'c1' }))
    await s.commit()
    const size = journalText(file).length
    s.orders.add(anOrder({ id: 'o2001', no: 2001, customerId: 'c1' }))
    await s.commit()
    const grown = journalText(file).length - size
    expect(grown).toBeGreaterThan(0)
    expect(grown).toBeLessThan(1000)
  })

  it('rewrites changed parts in the background, then retires the journal, and loads the same state', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file, { flushAfterMs: 0 })
    for (let i = 1; i <= 45_000; i += 1000) s.orders.add(anOrder({ id: `o${i}`, no: i, customerId: 'c1' }))
    s.customers.add(aCustomer({ id: 'c1' }))
    s.settings.set('vipRoom', 'VIP客户群')
    await s.commit()
    await s.flushAll()
    const dir = dataDirOf(file)
    expect(readdirSync(dir).filter(n => n.startsWith('orders-')).sort()).toEqual(['orders-0.msgpack', 'orders-1.msgpack', 'orders-2.msgpack'])
    expect(journals(file)).toEqual([])
    // The main file holds each part's SHA-256, so a part wxcrm wrote loads without a second check.
    const manifest = JSON.parse(readFileSync(file, 'utf8')).parts as Record<string, { sha256: string, count: number }>
    expect(manifest['orders-1']).toEqual({ seq: expect.any(Number), count: 20, sha256: sha256(readFileSync(join(dir, 'orders-1.msgpack'))) })
    await s.close()
    const again = await open(file)
    expect(again.orders.all().map(o => o.no)).toEqual(s.orders.all().map(o => o.no))
    expect(again.settings.get('vipRoom')).toBe('VIP客户群')
    await again.close()
  })

  it('keeps a customer with every optional field (last interaction, region) through parts and a reload', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file, { flushAfterMs: 0 })
    const full = aCustomer({ id: 'c1', address: '广东省深圳市福田区福华路1号', lastInteractionAt: '2026-11-20T02:00:00.000Z',
      region: { province: '广东省', city: '深圳市', district: '福田区' } })
    s.customers.add(full)
    s.customers.add(aCustomer({ id: 'c2' }))
    await s.commit()
    await s.flushAll()
    await s.close()
    const again = await open(file)
    expect(again.customers.byId('c1')).toEqual(full)
    expect(again.customers.byId('c2')?.region).toBeUndefined()
    await again.close()
  })

  it('writes every order of a part even when the orders are not listed by number', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file, { flushAfterMs: 0 })
    for (const no of [5, 20_003, 3, 7]) s.orders.add(anOrder({ id: `o${no}`, no, customerId: 'c1' }))
    await s.commit()
    await s.flushAll()
    await s.close()
    expect(journals(file)).toEqual([])
    const again = await open(file)
    expect(again.orders.all().map(o => o.no).sort((a, b) => a - b)).toEqual([3, 5, 7, 20_003])
    expect(again.orders.byNo(3)?.id).toBe('o3')
    await again.close()
  })

  it('replays the journal onto parts already rewritten, after a crash, without doubling anything', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file, { flushAfterMs: 0 })
    s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
    s.handled.add('m1', '2026-11-23T01:00:00.000Z')
    s.transitions.add({ on: '2026-11-23', customerId: 'c1', from: null, to: 'nurture' })
    await s.commit()
    await s.flushAll()
    s.orders.add(anOrder({ id: 'o2', no: 2, customerId: 'c1' }))
    s.handled.add('m2', '2026-11-23T01:00:01.000Z')
    s.transitions.add({ on: '2026-11-23', customerId: 'c2', from: null, to: 'loyal' })
    await s.commit()
    await s.idle()
    writeFileSync(`${file}.lock`, '4194305') // killed: no close, no last rewrite
    const again = await open(file, { now: () => new Date('2026-11-23T02:00:00.000Z') })
    expect(again.orders.all().map(o => o.id)).toEqual(['o1', 'o2'])
    expect(again.transitions.on('2026-11-23').map(t => t.customerId)).toEqual(['c1', 'c2'])
    expect(again.handled.has('m1') && again.handled.has('m2')).toBe(true)
    await again.close()
  })

  it('drops remembered message ids by day, and still loads with a wider window afterwards', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file, { flushAfterMs: 0, now: () => new Date('2026-10-01T08:00:00.000Z') })
    s.handled.add('old', '2026-10-01T08:00:00.000Z')
    await s.commit()
    await s.close()
    const later = await open(file, { now: () => new Date('2026-11-23T08:00:00.000Z'), handledDays: 30 })
    expect(later.handled.has('old')).toBe(false)
    expect(existsSync(join(dataDirOf(file), 'handled-2026-10-01.msgpack'))).toBe(false)
    await later.close()
    const wider = await open(file, { now: () => new Date('2026-11-23T08:00:00.000Z'), handledDays: 90 })
    expect(wider.handled.has('old')).toBe(false)
    await wider.close()
  })

  it('leaves out a journal line cut short by a crash (nobody was told it was saved) and cuts it off', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file)
    s.customers.add(aCustomer({ id: 'c1' }))
    await s.commit()
    await s.idle()
    const last = join(dataDirOf(file), journals(file).at(-1)!)
    appendFileSync(last, '{"s":99,"ops":[{"p":"customers-0","put":{"id":"c2"')
    writeFileSync(`${file}.lock`, '4194305') // the crashed owner's lock
    const again = await open(file)
    expect(again.customers.byId('c1')).toBeDefined()
    expect(again.customers.byId('c2')).toBeUndefined()
    expect(readFileSync(last, 'utf8').endsWith('\n')).toBe(true)
    again.customers.add(aCustomer({ id: 'c3', name: '王五' }))
    await again.commit()
    await again.close()
    const third = await open(file)
    expect(third.customers.all().map(c => c.id)).toEqual(['c1', 'c3'])
  })

  it('refuses a journal damaged before its last line, naming the file and line', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file)
    s.customers.add(aCustomer({ id: 'c1' }))
    await s.commit()
    s.customers.add(aCustomer({ id: 'c2', name: '李四' }))
    await s.commit()
    await s.idle()
    writeFileSync(`${file}.lock`, '4194305') // as if the process had died
    const last = join(dataDirOf(file), journals(file).at(-1)!)
    const lines = readFileSync(last, 'utf8').split('\n')
    lines[0] = lines[0]!.slice(0, 20)
    writeFileSync(last, lines.join('\n'))
    const bytes = readFileSync(last)
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error).toBeInstanceOf(DbLoadError)
    expect(error.message).toContain(last)
    expect(error.message).toContain('第 1 行')
    expect(readFileSync(last).equals(bytes)).toBe(true)
  })

  it('refuses a main file that is not JSON, names it, and leaves it untouched', async () => {
    const file = join(tempDir(), 'db.json')
    writeFileSync(file, '{"schemaVersion": 3, "orders": [')
    const bytes = readFileSync(file)
    const error = await open(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DbLoadError)
    expect((error as Error).message).toContain(file)
    expect((error as Error).message).toContain('JSON')
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('refuses a hand-edited single file with a bad record and names the first problem', async () => {
    const file = join(tempDir(), 'db.json')
    const data = emptyDb()
    data.orders.push({ ...anOrder({ id: 'o1', no: 1, customerId: 'c1' }), amountFen: -5 })
    writeFileSync(file, singleFile(data))
    const bytes = readFileSync(file)
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error).toBeInstanceOf(DbLoadError)
    expect(error.problem).toMatch(/^orders\[0\]\.amountFen/)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('checks every record of a part edited by hand, names the part and the problem, and leaves it untouched', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file, { flushAfterMs: 0 })
    s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
    await s.commit()
    await s.close()
    const part = join(dataDirOf(file), 'orders-0.msgpack')
    const body = unpack(readFileSync(part)) as { cols: Record<string, unknown[]> }
    body.cols.amountFen![0] = -5
    writeFileSync(part, pack(body))
    const bytes = readFileSync(part)
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error).toBeInstanceOf(DbLoadError)
    expect(error.file).toBe(part)
    expect(error.problem).toMatch(/^orders-0\[0\]\.amountFen/)
    expect(readFileSync(part).equals(bytes)).toBe(true)
  })

  it('refuses to start when a part the main file lists is missing', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file, { flushAfterMs: 0 })
    s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
    await s.commit()
    await s.close()
    rmSync(join(dataDirOf(file), 'orders-0.msgpack'))
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error).toBeInstanceOf(DbLoadError)
    expect(error.file).toContain('orders-0.msgpack')
  })

  it('refuses to start a new database over parts whose main file is gone, and deletes nothing', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file, { flushAfterMs: 0 })
    s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
    await s.commit()
    await s.close()
    rmSync(file)
    const before = readdirSync(dataDirOf(file)).sort()
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error).toBeInstanceOf(DbLoadError)
    expect(error.problem).toContain('主文件不见了')
    expect(readdirSync(dataDirOf(file)).sort()).toEqual(before)
    expect(existsSync(file)).toBe(false)
  })

  it('moves a whole database aside, and it opens there with everything', async () => {
    const dir = tempDir()
    const file = join(dir, 'db.json')
    const s = await open(file, { flushAfterMs: 0 })
    s.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
    await s.commit()
    await s.close()
    await moveDatabase(file, join(dir, 'old.json'))
    expect(existsSync(dataDirOf(file))).toBe(false)
    const moved = await open(join(dir, 'old.json'))
    expect(moved.orders.all().map(o => o.id)).toEqual(['o1'])
    await moved.close()
  })

  it('rejects the commit when the journal cannot be written, goes back to what is on disk, and carries on once it can', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file)
    s.customers.add(aCustomer({ id: 'c1' }))
    await s.commit()
    const journal = join(dataDirOf(file), journals(file).at(-1)!)
    // A directory where the journal should be makes the next append fail.
    renameSync(journal, `${journal}.away`)
    mkdirSync(journal)
    const before = s.revision()
    s.customers.add(aCustomer({ id: 'c2', name: '李四' }))
    s.settings.set('vipRoom', 'VIP客户群')
    await expect(s.commit()).rejects.toThrow()
    expect(s.customers.byId('c2')).toBeUndefined()
    expect(s.customers.byName(null, '李四')).toEqual([])
    expect(s.settings.get('vipRoom')).toBeUndefined()
    expect(s.customers.byId('c1')).toBeDefined()
    expect(s.revision()).toBeGreaterThan(before)
    rmSync(journal, { recursive: true })
    renameSync(`${journal}.away`, journal)
    s.customers.add(aCustomer({ id: 'c3', name: '王五' }))
    await s.commit()
    await s.close()
    const again = await open(file)
    expect(again.customers.all().map(c => c.id)).toEqual(['c1', 'c3'])
  })

  it('moves a version 5 single file to parts on open, keeps a copy of the old file, and loses nothing', async () => {
    const dir = tempDir()
    const file = join(dir, 'db.json')
    const data = emptyDb()
    for (let i = 1; i <= 25_000; i += 500) data.orders.push(anOrder({ id: `o${i}`, no: i, customerId: 'c1' }))
    data.customers.push(aCustomer({ id: 'c1' }))
    data.settings.vipRoom = 'VIP客户群'
    data.handled.push({ id: 'm1', at: '2026-11-22T08:00:00.000Z' })
    writeFileSync(file, singleFile(data))
    const old = readFileSync(file)
    const s = await open(file, { now: () => new Date('2026-11-23T02:00:00.000Z') })
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION)
    expect(readFileSync(join(dir, 'backups', 'db-v5-2026-11-23.json')).equals(old)).toBe(true)
    expect(readdirSync(dataDirOf(file)).filter(n => n.startsWith('orders-')).sort()).toEqual(['orders-0.msgpack', 'orders-1.msgpack'])
    // Lines from before the catalogue come back as they were: without a cost or a share.
    expect(s.orders.all()).toStrictEqual(data.orders)
    expect(s.customers.all()).toEqual(data.customers)
    expect(s.handled.has('m1')).toBe(true)
    expect(s.settings.get('vipRoom')).toBe('VIP客户群')
    await s.close()
  })

  it('reads a file written by schema version 1 and upgrades it, losing nothing', async () => {
    const file = join(tempDir(), 'db.json')
    const v1 = { ...emptyDb(), schemaVersion: 1 } as Record<string, unknown>
    delete v1.segments
    delete v1.transitions
    delete v1.snapshots
    delete v1.settings
    ;(v1.orders as unknown[]).push(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
    writeFileSync(file, JSON.stringify(v1))
    const s = await open(file)
    expect(s.orders.byId('o1')?.amountFen).toBe(39800)
    expect(s.segments.all()).toEqual([])
    await s.close()
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION)
    const again = await open(file)
    expect(again.orders.all()).toHaveLength(1)
  })

  it('migrates a schema version 3 file to the current version: an empty outbox, no job runs, no invites, nothing else touched', async () => {
    const file = join(tempDir(), 'db.json')
    const v3 = { ...emptyDb(), schemaVersion: 3, settings: { vipRoom: 'VIP客户群' } } as Record<string, unknown>
    delete v3.outbox
    delete v3.jobRuns
    delete v3.invites
    ;(v3.orders as unknown[]).push(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
    expect(dbSchema.safeParse(v3).success).toBe(false)
    expect(dbSchema.parse(migrate(v3))).toMatchObject({ schemaVersion: SINGLE_FILE_VERSION, outbox: [], jobRuns: {}, invites: [], settings: { vipRoom: 'VIP客户群' } })
    writeFileSync(file, JSON.stringify(v3))
    const s = await open(file)
    expect(s.outbox.all()).toEqual([])
    expect(s.jobRuns.all()).toEqual({})
    expect(s.settings.get('vipRoom')).toBe('VIP客户群')
    s.outbox.add(anOutboxEntry({ id: 'ob1' }))
    s.jobRuns.set('reclassify', '2026-11-23T18:00:00.000Z')
    await s.commit()
    await s.close()
    const again = await open(file)
    expect(again.orders.all()).toHaveLength(1)
    expect(again.outbox.all().map(e => e.id)).toEqual(['ob1'])
    expect(again.jobRuns.all()).toEqual({ reclassify: '2026-11-23T18:00:00.000Z' })
  })

  it('migrates a schema version 4 file to version 5: no invites yet', () => {
    const v4 = { ...emptyDb(), schemaVersion: 4, settings: { vipRoom: 'VIP客户群' } } as Record<string, unknown>
    delete v4.invites
    expect(dbSchema.safeParse(v4).success).toBe(false)
    expect(dbSchema.parse(migrate(v4))).toMatchObject({ schemaVersion: 5, invites: [], settings: { vipRoom: 'VIP客户群' } })
  })

  it('refuses an outbox with the same dedupe key twice', async () => {
    const file = join(tempDir(), 'db.json')
    writeFileSync(file, singleFile({ ...emptyDb(), outbox: [anOutboxEntry({ id: 'a', dedupeKey: 'k' }), anOutboxEntry({ id: 'b', dedupeKey: 'k' })] }))
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error).toBeInstanceOf(DbLoadError)
    expect(error.problem).toMatch(/^outbox: dedupeKey must be unique/)
  })

  it('refuses a file from a newer version', async () => {
    const file = join(tempDir(), 'db.json')
    writeFileSync(file, JSON.stringify({ ...emptyDb(), schemaVersion: 99 }))
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error.problem).toContain('schemaVersion 99')
  })

  it('keeps one dated backup a day, itself a database, and only the last N', async () => {
    const dir = tempDir()
    const file = join(dir, 'db.json')
    let today = '2026-11-20'
    const s = await openFileStore({ file, today: () => today, backupsKept: 2, flushAfterMs: 0 })
    for (const [i, day] of ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'].entries()) {
      today = day
      s.customers.add(aCustomer({ id: `c${i}` }))
      await s.commit()
      // The backup is taken in the background, after the commit has resolved.
      await s.idle()
    }
    await s.close()
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(['db-2026-11-22', 'db-2026-11-23'])
    // Each day's copy is the database as it stood after that day's first write.
    const backup = await open(join(dir, 'backups', 'db-2026-11-22', 'db.json'))
    expect(backup.customers.all().map(c => c.id)).toEqual(['c0', 'c1', 'c2'])
    await backup.close()
  })

  it('names the newest backup when it refuses to start', async () => {
    const dir = tempDir()
    const file = join(dir, 'db.json')
    const s = await open(file)
    await s.close()
    writeFileSync(file, 'not json')
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error.backup).toBe(join(dir, 'backups', 'db-2026-11-23'))
    expect(error.message).toContain(join(dir, 'backups', 'db-2026-11-23'))
  })

  it('lets only one process open a database, and takes over a lock left by a dead one', async () => {
    const file = join(tempDir(), 'db.json')
    // A pid that cannot exist on Linux stands for a crashed owner.
    writeFileSync(`${file}.lock`, '4194305')
    const s = await open(file)
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid })
    writeFileSync(`${file}.lock`, '1') // pid 1 is alive: another owner
    await expect(open(file)).rejects.toBeInstanceOf(DbLockedError)
    writeFileSync(`${file}.lock`, String(process.pid))
    await s.close()
    expect(existsSync(`${file}.lock`)).toBe(false)
  })
})

describe('file store: every field of every collection survives each way to disk', () => {
  it('after a commit (journal replay), after a part rewrite, and after a reopen from parts', async () => {
    const file = join(tempDir(), 'db.json')
    const now = () => new Date('2026-11-23T09:00:00.000Z')
    const s = await open(file, { now })
    addFullRecords(s)
    await s.commit()
    await s.idle()
    const parts = readdirSync(dataDirOf(file)).filter(n => n.endsWith('.msgpack'))
    expect(parts).toEqual([])
    // Close rewrites every part: reopen reads them, with no journal left.
    await s.close()
    expect(journals(file)).toEqual([])
    const again = await open(file, { now })
    expectFullRecords(again)
    again.customers.update({ ...again.customers.byId('c7')!, notes: '改过' })
    await again.commit()
    await again.close()
    const third = await open(file, { now })
    expect(third.customers.byId('c7')).toStrictEqual({ ...FULL_RECORDS.customers, notes: '改过' })
    await third.close()
  })

  it('replays a journal holding every field of every collection', async () => {
    const file = join(tempDir(), 'db.json')
    const now = () => new Date('2026-11-23T09:00:00.000Z')
    const s = await open(file, { now, flushAfterMs: 60_000 })
    addFullRecords(s)
    await s.commit()
    // As after a crash: the lock is released but no part was rewritten.
    const copy = join(tempDir(), 'db.json')
    cpSync(dataDirOf(file), dataDirOf(copy), { recursive: true })
    cpSync(file, copy)
    await s.close()
    expect(readdirSync(dataDirOf(copy)).filter(n => n.endsWith('.msgpack'))).toEqual([])
    const replayed = await open(copy, { now })
    expectFullRecords(replayed)
    await replayed.close()
  })
})

describe('file store: moving version 6 JSON parts to MessagePack', () => {
  it('reads JSON rows (with dictionaries) and plain records plus the journal, writes MessagePack parts, and loses nothing', async () => {
    const dir = tempDir()
    const file = join(dir, 'db.json')
    const data = dataDirOf(file)
    mkdirSync(data)
    const o1 = anOrder({ id: 'o1', no: 1, customerId: 'c1' })
    const fields = Object.keys(o1)
    const lineFields = ['name', 'qty', 'unit', 'unitPriceFen', 'amountFen', 'spec', 'costFen', 'shareFen']
    // As version 6 wrote them: rows under a header, dictionary fields as numbers, absent line fields as null.
    const row = fields.map(f => f === 'customerId' ? 0 : f === 'lines' ? o1.lines.map(l => lineFields.map(k => (l as unknown as Record<string, unknown>)[k] ?? null)) : (o1 as unknown as Record<string, unknown>)[f])
    writeFileSync(join(data, 'orders-0.json'), JSON.stringify({ collection: 'orders', seq: 1, fields, nested: { lines: lineFields }, dict: { customerId: ['c1'] }, rows: [row] }))
    const c1 = aCustomer({ id: 'c1', region: { province: '广东省', city: null, district: null } })
    writeFileSync(join(data, 'customers-0.json'), JSON.stringify({ collection: 'customers', seq: 1, records: [c1] }))
    const o2 = anOrder({ id: 'o2', no: 2, customerId: 'c1' })
    writeFileSync(join(data, 'journal-000000000002.jsonl'), `${JSON.stringify({ s: 2, ops: [{ p: 'orders-0', add: o2 }, { p: 'main', set: 'counters', v: { order: 2 } }] })}\n`)
    const main = { ...Object.fromEntries(Object.entries(emptyDb()).filter(([k]) => !['schemaVersion', 'orders', 'customers', 'payments', 'refunds', 'segments', 'outbox', 'transitions', 'handled'].includes(k))), schemaVersion: 6, seq: 1, counters: { order: 1 }, parts: { 'orders-0': { seq: 1, count: 1, sha256: 'written-by-v6' }, 'customers-0': { seq: 1, count: 1, sha256: 'written-by-v6' } } }
    writeFileSync(file, JSON.stringify(main))

    const s = await open(file)
    const expected = [{ ...o1, lines: o1.lines.map(l => ({ ...l, costFen: null, shareFen: null })) }, o2]
    expect(s.orders.all()).toStrictEqual(expected)
    expect(s.customers.all()).toStrictEqual([c1])
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION)
    expect(readdirSync(data).sort()).toEqual(['customers-0.msgpack', 'orders-0.msgpack'])
    expect(s.nextSeq('order')).toBe(3)
    await s.commit()
    await s.close()
    const again = await open(file)
    expect(again.orders.all()).toStrictEqual(expected)
    expect(again.nextSeq('order')).toBe(4)
    await again.close()
  })

  it('checks every record of a JSON part while moving it, and refuses a bad one without touching it', async () => {
    const dir = tempDir()
    const file = join(dir, 'db.json')
    mkdirSync(dataDirOf(file))
    const bad = { ...anOrder({ id: 'o1', no: 1, customerId: 'c1' }), amountFen: -1 }
    const part = join(dataDirOf(file), 'orders-0.json')
    writeFileSync(part, JSON.stringify({ collection: 'orders', seq: 0, records: [bad] }))
    const main = { ...Object.fromEntries(Object.entries(emptyDb()).filter(([k]) => !['schemaVersion', 'orders', 'customers', 'payments', 'refunds', 'segments', 'outbox', 'transitions', 'handled'].includes(k))), schemaVersion: 6, seq: 0, parts: { 'orders-0': { seq: 0, count: 1, sha256: 'x' } } }
    writeFileSync(file, JSON.stringify(main))
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error).toBeInstanceOf(DbLoadError)
    expect(error.problem).toMatch(/^orders-0\[0\]\.amountFen/)
    expect(readdirSync(dataDirOf(file))).toEqual(['orders-0.json'])
  })
})
