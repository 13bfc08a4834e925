/** `wxcrm products import/export` on a lowdb file, run as a merchant runs them. */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readDatabase } from '../helpers/db.js'

const env = { ...process.env, NODE_ENV: 'production', WXCRM_CONFIG: '' }
const cli = (args: string[]): string => execFileSync('npx', ['tsx', 'src/cli.ts', ...args], { encoding: 'utf8', env })

describe('wxcrm products', () => {
  it('imports the example catalogue, writes costs into past orders with --history, and exports what it holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxcrm-products-'))
    const db = join(dir, 'db.json')
    const orders = join(dir, 'orders.csv')
    writeFileSync(orders, '客户,电话,日期,金额,商品,数量\n张三,13800138000,2026-10-01,198,补水面膜,2\n李四,13900139000,2026-10-02,199,精华,1\n王五,13700137000,2026-10-03,50,口红,1\n')
    expect(cli(['import', orders, '--db', db, '--name', '客户', '--phone', '电话', '--date', '日期', '--amount', '金额', '--product', '商品', '--qty', '数量'])).toContain('导入 3 单')

    const out = cli(['products', 'import', 'data/products.example.csv', '--db', db, '--history'])
    // 补水面膜 was learned from the orders; the file names it as an alias of 面膜, so it becomes 面膜.
    expect(out).toContain('新增商品 4 种，更新 1 种，并入别名 1 种，成本写入历史订单 2 张，问题行 0 行。')
    const saved = readDatabase(db)
    const [zhang, li, wang] = saved.orders as { costFen: number | null }[]
    expect([zhang!.costFen, li!.costFen, wang!.costFen]).toEqual([9000, 8000, null])

    const csv = cli(['products', 'export', '--db', db])
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines[0]).toBe('名称,别名,单位,售价,成本')
    expect(lines).toContain('精华,精华液|原液,瓶,199.00,80.00')
    expect(lines).toContain('口红,,,,')
    expect(lines).toContain('面膜,补水面膜|蚕丝面膜,盒,99.00,45.00')
    expect(lines).toHaveLength(1 + 6)
  }, 60_000)

  it('reports the line of a bad row and keeps the good ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxcrm-products-'))
    const db = join(dir, 'db.json')
    const file = join(dir, 'products.csv')
    writeFileSync(file, '名称,别名,单位,售价,成本\n面膜,,盒,99,abc\n,,,,\n精华,,瓶,199,80\n')
    const r = spawnSync('npx', ['tsx', 'src/cli.ts', 'products', 'import', file, '--db', db], { encoding: 'utf8', env })
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('第 2 行：金额看不懂：售价“99”，成本“abc”')
    expect(r.stderr).toContain('第 3 行：名称为空')
    expect(r.stdout).toContain('新增商品 1 种，更新 0 种，问题行 2 行。')
    const exported = join(dir, 'out.csv')
    cli(['products', 'export', '--db', db, '--out', exported])
    expect(readFileSync(exported, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)).toEqual(['名称,别名,单位,售价,成本', '精华,,瓶,199.00,80.00'])
  }, 60_000)
})
