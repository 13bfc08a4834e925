/** Import and export through the same path the CLI uses (CSV reader + use case + store). */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCsvRows, toCsv } from '../../src/adapters/csv.js'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { customerRows } from '../../src/app/io/export-customers.js'
import { importOrders } from '../../src/app/io/import-orders.js'
import { indexClassification } from '../../src/app/segments/current.js'
import { classifyStore } from '../../src/app/segments/reclassify.js'
import { DEFAULT_POLICY } from '../../src/domain/segment/policy.js'

const CDNOW = 'test/fixtures/cdnow_sample_transactions.csv'
const NOW = new Date('2026-11-23T00:00:00Z')
const cdnowMapping = { customer: 'id', date: 'date', amount: 'dollars', qty: 'cds', agent: 'CDNOW' }

describe('import', () => {
  it('imports the CDNOW log with a column mapping, and a second import adds nothing', async () => {
    const store = createMemoryStore()
    const { rows } = await readCsvRows(CDNOW)
    const report = importOrders(store, rows, { mapping: cdnowMapping, now: NOW })
    expect(report).toMatchObject({ imported: 6919, customersCreated: 2357, skipped: 0, bad: [] })
    const first = store.customers.byExternalId('1')!
    expect(store.orders.ofCustomer(first.id).map(o => [o.placedOn, o.amountFen])).toEqual([
      ['1997-01-01', 2933], ['1997-01-18', 2973], ['1997-08-02', 1496], ['1997-12-12', 2648],
    ])
    const again = importOrders(store, rows, { mapping: cdnowMapping, now: NOW })
    expect(again).toMatchObject({ imported: 0, skipped: 6919 })
    expect(store.orders.all()).toHaveLength(6919)
  })

  it('imports only the new rows of a longer or edited file', async () => {
    const store = createMemoryStore()
    const { rows } = await readCsvRows(CDNOW)
    importOrders(store, rows.slice(0, 100), { mapping: cdnowMapping, now: NOW })
    // The next export of the shop: one row inserted near the top, everything shifted by a line.
    const inserted = { line: 3, values: { master_id: '4', id: '1', date: '1997-02-01', cds: '1', dollars: '9.99' } }
    const edited = [rows[0]!, inserted, ...rows.slice(1, 200).map(r => ({ ...r, line: r.line + 1 }))]
    const report = importOrders(store, edited, { mapping: cdnowMapping, now: NOW })
    expect(report).toMatchObject({ imported: 101, skipped: 100 })
    expect(store.orders.all()).toHaveLength(201)
  })

  it('reports bad rows with their line numbers and keeps the good ones', async () => {
    const store = createMemoryStore()
    const { rows } = await readCsvRows('test/fixtures/orders-bad-rows.csv')
    const report = importOrders(store, rows, { mapping: { name: '客户', phone: '电话', date: '日期', amount: '金额', product: '商品', qty: '数量' }, now: NOW })
    expect(report.imported).toBe(3)
    expect(report.bad.map(b => b.line)).toEqual([4, 5, 6, 7, 9])
    expect(report.bad.map(b => b.problem)).toEqual([
      '电话不是11位手机号', '日期无法识别（需要 YYYY-MM-DD）', '金额无法识别', '金额不能为负', '客户为空',
    ])
    expect(store.customers.all()).toHaveLength(2)
    expect(store.orders.all().map(o => o.amountFen)).toEqual([39800, 19950, 59700])
  })
})

describe('export', () => {
  it('writes one row per customer with totals, as UTF-8 CSV with a BOM', async () => {
    const store = createMemoryStore()
    const { rows } = await readCsvRows(CDNOW)
    importOrders(store, rows.slice(0, 4), { mapping: cdnowMapping, now: NOW })
    const table = customerRows(store, indexClassification(classifyStore(store, '1997-12-31', DEFAULT_POLICY)), { creditDays: 30, matureOrders: 10 })
    expect(table[0]).toContain('累计消费(元)')
    expect(table[1]).toEqual([
      'c1', '1', '客户1', '', '未绑定', 'CDNOW', '4', '100.50', '100.50', '100.50', '商品成本未录入，按消费额估算', '0.00', '0.00',
      '1997-01-01', '1997-12-12', '商品×2', 'import', '忠诚型', 'D', 'A', '否', '', '',
      '已复购3次，平均每81天一次；近一年消费¥100.50；信用A：没有欠款', '', '', '', '',
      '忠诚客户', '个人', '', '',
    ])
    expect(toCsv(table).startsWith('\uFEFF客户ID,')).toBe(true)
  })
})

describe('the wxcrm command line', () => {
  const cli = (args: string[], input?: string): string =>
    execFileSync('npx', ['tsx', 'src/cli.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } })

  it('parse prints the contract JSON for one message', () => {
    const out = JSON.parse(cli(['parse', '--now', '2026-11-23T10:00:00+08:00'], '张三 13800138000 面膜2盒 398 已付 昨天\n'))
    expect(out).toMatchObject({
      kind: 'order',
      orders: [{ customer: { name: '张三', phone: '13800138000' }, lines: [{ name: '面膜', qty: 2, unit: '盒', unitPriceFen: null }], amountFen: 39800, payment: 'paid', paidFen: 39800, date: '2026-11-22' }],
      issues: [],
    })
    expect(out.orders).toHaveLength(1)
  })

  it('import and export work on a real database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxcrm-cli-'))
    const db = join(dir, 'db.json')
    const out = cli(['import', CDNOW, '--db', db, '--customer', 'id', '--date', 'date', '--amount', 'dollars', '--qty', 'cds'])
    expect(out).toContain('导入 6919 单，新客户 2357 位')
    const store = await openFileStore({ file: db, today: () => '2026-11-23' })
    expect(store.orders.all()).toHaveLength(6919)
    await store.close()
    cli(['export', '--db', db, '--out', join(dir, 'c.csv')])
    const lines = readFileSync(join(dir, 'c.csv'), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(2358)
  })
})
