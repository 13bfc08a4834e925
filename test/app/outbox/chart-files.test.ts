/** Attachments named by reference in the outbox are drawn at send time. */
import { describe, expect, it } from 'vitest'
import { createMemoryChartRenderer } from '../../../src/adapters/charts/memory-renderer.js'
import { createMemoryStore } from '../../../src/adapters/store/memory-store.js'
import { chartFileLoader } from '../../../src/app/outbox/chart-files.js'
import { parseConfig } from '../../../src/app/config.js'
import { toPolicy } from '../../../src/app/segments/policy-config.js'
import { SendError } from '../../../src/domain/outreach/send-error.js'
import { aCustomer, anOrder } from '../../helpers/builders.js'

describe('chartFileLoader', () => {
  it('draws the merchant-wide pyramid as of the date in the ref', async () => {
    const store = createMemoryStore()
    store.customers.add(aCustomer({ id: 'c1' }))
    store.orders.add(anOrder({ id: 'o1', no: 1, customerId: 'c1', placedOn: '2026-11-01' }))
    const charts = createMemoryChartRenderer()
    const load = chartFileLoader(store, toPolicy(parseConfig({ env: {} }).classify), charts)
    const file = await load({ name: '客户金字塔-2026-11-23.png', ref: 'chart:pyramid:2026-11-23' })
    expect(file.name).toBe('客户金字塔-2026-11-23.png')
    expect(file.bytes.length).toBeGreaterThan(0)
    expect(charts.rendered[0]).toMatchObject({ kind: 'tier-pyramid', subtitle: expect.stringContaining('全部客户 · 截至 2026-11-23') })
  })

  it('drops an unknown reference', async () => {
    const load = chartFileLoader(createMemoryStore(), toPolicy(parseConfig({ env: {} }).classify), createMemoryChartRenderer())
    await expect(load({ name: 'x.png', ref: 'chart:nope' })).rejects.toBeInstanceOf(SendError)
  })
})
