/** The `wxcrm` command line as a user runs it: the package bin in a shell, on a database file. */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { openFileStore } from '../../src/adapters/store/file-store.js'
import { GROUP_NAMES, type Group } from '../../src/domain/segment/groups.js'
import { withAgents } from '../helpers/test-app.js'

const CDNOW = 'test/fixtures/cdnow_sample_transactions.csv'
const ENV = { ...process.env, NODE_ENV: 'production', WXCRM_CONFIG: '' }
const cli = (args: string[]): string => execFileSync('node', ['bin/wxcrm.js', ...args], { encoding: 'utf8', env: ENV })

/** `wxcrm export` to standard output, as rows keyed by column name. */
const exported = (args: string[]): Record<string, string>[] => parse(cli(['export', ...args]), { bom: true, columns: true }) as Record<string, string>[]

/** Runs `wxcrm <args> | head -1` in a shell; the status is wxcrm's own (pipefail), not head's. */
function pipedIntoHead(args: string): { status: number | null, stdout: string, stderr: string } {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `node bin/wxcrm.js ${args} | head -1`], { encoding: 'utf8', env: ENV })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the CDNOW log on a database file', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'wxcrm-pipe-')), 'db.json')
  beforeAll(() => {
    cli(['import', CDNOW, '--db', db, '--customer', 'id', '--date', 'date', '--amount', 'dollars', '--qty', 'cds'])
  }, 180_000)

  it.each([
    ['export', `export --db ${db}`],
    ['classify --json', `classify --db ${db} --as-of 1997-09-30 --json`],
  ])('%s piped into head ends quietly with success when the reader has gone', (_name, args) => {
    const r = pipedIntoHead(args)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1)
  }, 180_000)

  it('exports probabilities as percentages, the classification of the as-of day', () => {
    const rows = exported(['--db', db, '--as-of', '1997-09-30'])
    expect(rows).toHaveLength(2357)
    for (const r of rows) expect(r['仍活跃概率']).toMatch(/^\d{1,3}\.\d%$/)
    const first = JSON.parse(cli(['classify', '--db', db, '--as-of', '1997-09-30', '--json']).split('\n')[0]!) as { externalId: string, pAlive: number }
    const row = rows.find(r => r['外部ID'] === first.externalId)!
    expect(row['仍活跃概率']).toBe(`${(first.pAlive * 100).toFixed(1)}%`)
    expect(row).toMatchObject({ '外部ID': '1', '仍活跃概率': '72.7%', '订单数': '3', '末单日期': '1997-08-02', '需要跟进': '否', '微信': '未绑定' })
  }, 180_000)
})

describe('wxcrm export --as-of', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'wxcrm-asof-')), 'db.json')
  beforeAll(async () => {
    // A shop's chat on a database file: 张三 buys in October and November, 李四 first in November.
    const store = await openFileStore({ file: db, today: () => '2026-11-23' })
    const app = await withAgents({ store })
    for (const order of [
      '张三 13800138000 面膜2盒 398 已付 10月1日',
      '张三 精华1瓶 199 未付 10月15日',
      '张三 面霜1瓶 300 已付 11月20日',
      '李四 13900139000 面膜1盒 199 未付 11月20日',
    ]) expect((await app.say(app.wang, order))[0]).toMatch(/^✅/)
    await store.close()
  }, 180_000)

  it('takes every figure and the classification as of that day', () => {
    const rows = exported(['--db', db, '--as-of', '2026-11-10'])
    expect(rows.map(r => r['姓名'])).toEqual(['张三'])
    expect(rows[0]).toMatchObject({
      '订单数': '2',
      '累计消费(元)': '597.00',
      '近一年消费(元)': '597.00',
      '首单日期': '2026-10-01',
      '末单日期': '2026-10-15',
      '最近一单商品': '精华×1瓶',
      '未付(元)': '199.00',
      '预收款(元)': '0.00',
    })
    const classified = cli(['classify', '--db', db, '--as-of', '2026-11-10', '--json']).trim().split('\n').map(l => JSON.parse(l) as { customer: string, group: Group, tier: string, credit: string })
    expect(classified).toHaveLength(1)
    expect(rows[0]).toMatchObject({ '客户ID': classified[0]!.customer, '分组': GROUP_NAMES[classified[0]!.group], '价值档': classified[0]!.tier, '信用': classified[0]!.credit })
    // Due on 11-14: not yet due on the 10th, late on the 23rd.
    expect(rows[0]!['理由']).toContain('有¥199未付，尚未到期')
  }, 180_000)

  it('counts the later orders on a later day', () => {
    const rows = exported(['--db', db, '--as-of', '2026-11-23'])
    expect(rows.map(r => [r['姓名'], r['订单数'], r['累计消费(元)'], r['末单日期'], r['未付(元)']])).toEqual([
      ['张三', '3', '897.00', '2026-11-20', '199.00'],
      ['李四', '1', '199.00', '2026-11-20', '199.00'],
    ])
    expect(rows[0]!['理由']).not.toContain('尚未到期')
  }, 180_000)

  it('refuses a day that does not exist', () => {
    expect(() => execFileSync('node', ['bin/wxcrm.js', 'export', '--db', db, '--as-of', '2026-02-30'], { encoding: 'utf8', env: ENV, stdio: 'pipe' }))
      .toThrow(/需要有效日期 YYYY-MM-DD/)
  }, 180_000)
})
