import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DbLockedError } from '../../src/adapters/store/lock-file.js'
import { DbLoadError, openLowdbStore, type LowdbStore } from '../../src/adapters/store/lowdb-store.js'
import { dbSchema, emptyDb, migrate, SCHEMA_VERSION } from '../../src/adapters/store/schema.js'
import type { Store } from '../../src/domain/ports.js'
import { runStoreContract } from '../contract/store.case.js'
import { aCustomer, anOrder, anOutboxEntry } from '../helpers/builders.js'

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
const open = async (file: string): Promise<LowdbStore> => {
  const s = await openLowdbStore({ file, today: () => '2026-11-23' })
  files.set(s, file)
  return s
}

runStoreContract('lowdb', {
  open: async () => open(join(tempDir(), 'db.json')),
  reopen: async (store) => {
    await store.close()
    return open(files.get(store)!)
  },
})

describe('lowdb store on disk', () => {
  it('creates the database file owner-only (0600)', async () => {
    const file = join(tempDir(), 'sub', 'db.json')
    const s = await open(file)
    s.customers.add(aCustomer({ id: 'c1' }))
    await s.commit()
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION)
  })

  it('shares one write among a burst of commits, and releases each only when its change is on disk', async () => {
    const file = join(tempDir(), 'db.json')
    const s = await open(file)
    const before = s.writes()
    const seenOnDisk = await Promise.all(Array.from({ length: 50 }, (_, i) => {
      s.orders.add(anOrder({ id: `o${i}`, no: i + 1, customerId: 'c1' }))
      return s.commit().then(() => JSON.parse(readFileSync(file, 'utf8')).orders.some((o: { id: string }) => o.id === `o${i}`))
    }))
    expect(seenOnDisk.every(Boolean)).toBe(true)
    expect(s.writes() - before).toBeLessThanOrEqual(2)
  })

  it('refuses a file that is not JSON, names it, and leaves it untouched', async () => {
    const file = join(tempDir(), 'db.json')
    writeFileSync(file, '{"schemaVersion": 3, "orders": [')
    const bytes = readFileSync(file)
    const error = await open(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DbLoadError)
    expect((error as Error).message).toContain(file)
    expect((error as Error).message).toContain('JSON')
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('refuses a hand-edited file with a bad record and names the first problem', async () => {
    const file = join(tempDir(), 'db.json')
    const data = emptyDb()
    data.orders.push({ ...anOrder({ id: 'o1', no: 1, customerId: 'c1' }), amountFen: -5 })
    writeFileSync(file, JSON.stringify(data))
    const bytes = readFileSync(file)
    const error = await open(file).catch((e: unknown) => e) as DbLoadError
    expect(error).toBeInstanceOf(DbLoadError)
    expect(error.problem).toMatch(/^orders\[0\]\.amountFen/)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('rejects the commit when the write fails, and goes back to what is on disk', async () => {
    const dir = tempDir()
    const file = join(dir, 'db.json')
    const s = await open(file)
    s.customers.add(aCustomer({ id: 'c1' }))
    await s.commit()
    // A directory where the temporary file should go makes the next write fail.
    mkdirSync(join(dir, `.db.json.${process.pid}.tmp`))
    s.customers.add(aCustomer({ id: 'c2', name: '李四' }))
    await expect(s.commit()).rejects.toThrow()
    expect(s.customers.byId('c2')).toBeUndefined()
    expect(s.customers.byId('c1')).toBeDefined()
    expect(JSON.parse(readFileSync(file, 'utf8')).customers).toHaveLength(1)
  })

  it('reads a file written by schema version 1 and upgrades it on the next write, losing nothing', async () => {
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
    s.nextSeq('x')
    await s.commit()
    const after = JSON.parse(readFileSync(file, 'utf8'))
    expect(after.schemaVersion).toBe(SCHEMA_VERSION)
    expect(after.orders).toHaveLength(1)
  })

  it('migrates a schema version 3 file to the current version: an empty outbox, no job runs, no invites, nothing else touched', async () => {
    const file = join(tempDir(), 'db.json')
    const v3 = { ...emptyDb(), schemaVersion: 3, settings: { vipRoom: 'VIP客户群' } } as Record<string, unknown>
    delete v3.outbox
    delete v3.jobRuns
    ;(v3.orders as unknown[]).push(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
    expect(dbSchema.safeParse(v3).success).toBe(false)
    expect(dbSchema.parse(migrate(v3))).toMatchObject({ schemaVersion: SCHEMA_VERSION, outbox: [], jobRuns: {}, invites: [], settings: { vipRoom: 'VIP客户群' } })
    writeFileSync(file, JSON.stringify(v3))
    const s = await open(file)
    expect(s.outbox.all()).toEqual([])
    expect(s.jobRuns.all()).toEqual({})
    expect(s.settings.get('vipRoom')).toBe('VIP客户群')
    s.outbox.add(anOutboxEntry({ id: 'ob1' }))
    s.jobRuns.set('reclassify', '2026-11-23T18:00:00.000Z')
    await s.commit()
    const after = JSON.parse(readFileSync(file, 'utf8'))
    expect(after.schemaVersion).toBe(SCHEMA_VERSION)
    expect(after.orders).toHaveLength(1)
    expect(after.outbox.map((e: { id: string }) => e.id)).toEqual(['ob1'])
    expect(after.jobRuns).toEqual({ reclassify: '2026-11-23T18:00:00.000Z' })
  })

  it('migrates a schema version 4 file to version 5: no invites yet', () => {
    const v4 = { ...emptyDb(), schemaVersion: 4, settings: { vipRoom: 'VIP客户群' } } as Record<string, unknown>
    delete v4.invites
    expect(dbSchema.safeParse(v4).success).toBe(false)
    expect(dbSchema.parse(migrate(v4))).toMatchObject({ schemaVersion: 5, invites: [], settings: { vipRoom: 'VIP客户群' } })
  })

  it('refuses an outbox with the same dedupe key twice', async () => {
    const file = join(tempDir(), 'db.json')
    writeFileSync(file, JSON.stringify({ ...emptyDb(), outbox: [anOutboxEntry({ id: 'a', dedupeKey: 'k' }), anOutboxEntry({ id: 'b', dedupeKey: 'k' })] }))
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

  it('keeps one dated backup a day and only the last N', async () => {
    const dir = tempDir()
    const file = join(dir, 'db.json')
    let today = '2026-11-20'
    const s = await openLowdbStore({ file, today: () => today, backupsKept: 2 })
    for (const [i, day] of ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'].entries()) {
      today = day
      s.customers.add(aCustomer({ id: `c${i}` }))
      await s.commit()
    }
    await s.close()
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(['db-2026-11-22.json', 'db-2026-11-23.json'])
    // Each day's copy is the file as it stood after that day's first write.
    const backup = JSON.parse(readFileSync(join(dir, 'backups', 'db-2026-11-22.json'), 'utf8'))
    expect(backup.customers.map((c: { id: string }) => c.id)).toEqual(['c0', 'c1', 'c2'])
  })

  it('lets only one process open a database, and takes over a lock left by a dead one', async () => {
    const file = join(tempDir(), 'db.json')
    // A pid that cannot exist on Linux stands for a crashed owner.
    writeFileSync(`${file}.lock`, '4194305')
    const s = await open(file)
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid))
    writeFileSync(`${file}.lock`, '1') // pid 1 is alive: another owner
    await expect(open(file)).rejects.toBeInstanceOf(DbLockedError)
    writeFileSync(`${file}.lock`, String(process.pid))
    await s.close()
    expect(existsSync(`${file}.lock`)).toBe(false)
  })
})
