import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createPartFlusher } from '../../src/adapters/store/part-flusher.js'
import { emptyDb } from '../../src/adapters/store/schema.js'
import { silentLogger } from '../../src/domain/logger.js'
import { anOrder } from '../helpers/builders.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

it('keeps a part behind the journal when a line touched it while its rewrite was running', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxcrm-flush-'))
  dirs.push(dir)
  const data = emptyDb()
  data.orders.push(anOrder({ id: 'o1', no: 1, customerId: 'c1' }))
  const flusher = createPartFlusher({
    file: join(dir, 'db.json'), dir, data: () => data, manifest: {}, dirty: new Map(), retired: [],
    flushAfterMs: 0, now: () => new Date(0), logger: silentLogger, after: async () => {}, today: () => '2026-11-23', poke: () => {},
  })
  flusher.touched(['orders-0'], 1, 0)
  const capture = flusher.next(1, 0)
  expect(capture?.part).toBe('orders-0')
  flusher.start(capture)
  // Line 2 comes in while line 1's rewrite is still in the background.
  data.orders.push(anOrder({ id: 'o2', no: 2, customerId: 'c1' }))
  flusher.touched(['orders-0'], 2, 0)
  expect(flusher.next(2, 0)).toBeNull()
  await flusher.idle()
  expect(flusher.pending()).toBeGreaterThan(0)
  flusher.stop()
})
