/**
 * What the stored data alone costs in heap: run as `node --expose-gc --import tsx store-heap.ts <db>`,
 * it opens the database (through `openFileStore`, as the bot does), and prints one JSON line with the
 * number of orders and the live heap the open store added, in bytes. The load test compares the bot's
 * heap growth per order with this figure: growth beyond what the data costs would be a leak.
 */
import { openFileStore } from '../../src/adapters/store/file-store.js'

const collect = (globalThis as { gc?: () => void }).gc
if (!collect) throw new Error('run with --expose-gc')
const file = process.argv[2]
if (!file) throw new Error('usage: store-heap.ts <db file>')

collect()
const before = process.memoryUsage().heapUsed
const store = await openFileStore({ file, today: () => new Date().toISOString().slice(0, 10), backupsKept: 0 })
collect()
const after = process.memoryUsage().heapUsed
console.log(JSON.stringify({ orders: store.orders.all().length, heapBytes: after - before }))
await store.close()
