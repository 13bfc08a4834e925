/**
 * The file store opened with `olderOrdersLater`: the newest order parts and everything else at once,
 * the older order parts afterwards in the background, newest first, each in front of what is in memory.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DbLoadError, openFileStore, writeAll, type FileStore } from '../../src/adapters/store/file-store.js'
import { dataDirOf, partFile } from '../../src/adapters/store/layout.js'
import { OrdersLoading } from '../../src/domain/ports.js'
import { LARGE_ORDERS, largeDatabase, largeOrder } from '../helpers/large-db.js'

const NOW = new Date('2026-12-07T04:00:00.000Z')
const ORDERS = LARGE_ORDERS
const order = largeOrder
const database = (): ReturnType<typeof largeDatabase> => largeDatabase()

let dir: string | undefined
let open: FileStore | undefined
afterEach(async () => {
  await open?.close().catch(() => {})
  open = undefined
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function prepared(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'wxcrm-older-'))
  const file = join(dir, 'shop.json')
  await writeAll(file, dataDirOf(file), database())
  return file
}

const openLater = async (file: string): Promise<FileStore> => (open = await openFileStore({ file, today: () => '2026-12-07', now: () => NOW, backupsKept: 0, olderOrdersLater: true }))

describe('a store that reads its older orders after opening', () => {
  it('opens with the recent orders, records new ones, then holds every order in number order', async () => {
    const file = await prepared()
    const store = await openLater(file)
    expect(store.loaded()).toBe(false)
    expect(() => store.orders.all()).toThrow(OrdersLoading)
    expect(() => store.orders.ofCustomer('c1')).toThrow(OrdersLoading)
    expect(() => store.orders.byNo(5)).toThrow(OrdersLoading)
    // What the recent orders answer exactly is answered.
    expect(store.orders.byNo(44_000)?.id).toBe('o44000')
    expect(store.orders.bySource('m41000').map(o => o.no)).toEqual([41_000])
    const next = store.nextSeq('order')
    store.orders.add({ ...order(next), sourceMessageId: 'new-1', recordedAt: NOW.toISOString() })
    await store.commit()

    await store.whenLoaded()
    expect(store.loaded()).toBe(true)
    const nos = store.orders.all().map(o => o.no)
    expect(nos).toHaveLength(ORDERS + 1)
    expect(nos.every((n, i) => n === i + 1)).toBe(true)
    expect(store.orders.byNo(5)?.id).toBe('o5')
    const ofC1 = store.orders.ofCustomer('c1').map(o => o.no)
    expect(ofC1.length).toBeGreaterThan(800)
    expect(ofC1).toEqual([...ofC1].sort((a, b) => a - b))
    expect(store.orders.bySource('m7').map(o => o.no)).toEqual([7])
    await store.close()
    open = undefined

    // Opened again as the command line opens it: the same orders, the new one included.
    const again = open = await openFileStore({ file, today: () => '2026-12-07', now: () => NOW, backupsKept: 0 })
    expect(again.loaded()).toBe(true)
    expect(again.orders.all()).toHaveLength(ORDERS + 1)
    expect(again.orders.byNo(next)?.sourceMessageId).toBe('new-1')
  })

  it('reads at once every part the journal changes, and everything above it', async () => {
    const file = await prepared()
    const first = open = await openFileStore({ file, today: () => '2026-12-07', now: () => NOW, backupsKept: 0, flushAfterMs: 3_600_000 })
    first.orders.update({ ...first.orders.byNo(3)!, note: '改过' })
    await first.commit()
    // A copy of the files as a crash would leave them: the change is only in the journal.
    const copy = join(dir!, 'copy.json')
    await writeFile(copy, await readFile(file))
    const { cp } = await import('node:fs/promises')
    await cp(dataDirOf(file), dataDirOf(copy), { recursive: true })
    await first.close()
    open = undefined
    const store = await openLater(copy)
    expect(store.loaded()).toBe(true)
    expect(store.orders.byNo(3)?.note).toBe('改过')
  })

  it('stops answering, naming the file, when an older part cannot be read', async () => {
    const file = await prepared()
    const broken = partFile(dataDirOf(file), 'orders-0')
    const bytes = await readFile(broken)
    bytes.fill(0x20, 100, 400)
    await writeFile(broken, bytes)
    const store = await openLater(file)
    const failure = await store.whenLoaded().then(() => null, (e: unknown) => e)
    expect(failure).toBeInstanceOf(DbLoadError)
    expect((failure as DbLoadError).file).toBe(broken)
    expect(store.loaded()).toBe(false)
    expect(() => store.orders.all()).toThrow(OrdersLoading)
  })

  it('closes while still reading, and nobody waits forever', async () => {
    const file = await prepared()
    const store = await openLater(file)
    const waiting = store.whenLoaded().then(() => 'loaded', () => 'closed')
    await store.close()
    open = undefined
    expect(['loaded', 'closed']).toContain(await waiting)
  })
})
