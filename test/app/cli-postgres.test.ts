/** `wxcrm migrate` into a real PostgreSQL server, and the command line reading it with no --db. */
import { execFile, type ExecFileOptions } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { usePostgres } from '../helpers/postgres.js'

function run(file: string, args: string[], options: ExecFileOptions): Promise<{ stdout: string, stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }))
      else resolve({ stdout, stderr })
    })
  })
}
const CDNOW = 'test/fixtures/cdnow_sample_transactions.csv'
const pg = usePostgres()

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string, stderr: string }> {
  return run('node', ['bin/wxcrm.js', ...args], { env: { ...process.env, NODE_ENV: 'production', WXCRM_CONFIG: '', ...env }, maxBuffer: 64 * 1024 * 1024 })
}

describe('wxcrm migrate and PostgreSQL from the command line', () => {
  it('moves a database file into PostgreSQL, checks every collection, replaces only when asked, and export reads it without --db', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'wxcrm-migrate-')), 'db.json')
    await cli(['import', CDNOW, '--db', db, '--customer', 'id', '--date', 'date', '--amount', 'dollars', '--qty', 'cds'])
    const url = await pg.server.freshDatabase()
    const check = (stdout: string): void => {
      const orders = stdout.split('\n').find(l => l.startsWith('orders'))!
      expect(orders).toMatch(/^orders\s+(\d+)\s+\1\s+一致/)
      expect(Number(/^orders\s+(\d+)/.exec(orders)![1])).toBeGreaterThan(1000)
      expect(stdout).not.toContain('不一致')
      expect(stdout).toContain('商户 shop1')
      expect(stdout).not.toContain('wxcrm-local') // the password is not printed
    }
    check((await cli(['migrate', '--from', db, '--to', url, '--merchant', 'shop1'])).stdout)
    // Again: the merchant has data now, so nothing is replaced unless asked (the URL and merchant from the environment).
    const env = { WXCRM_DATABASE_URL: url, WXCRM_MERCHANT: 'shop1' }
    const refused = await cli(['migrate', '--from', db], env).then(() => null, (e: { stderr: string, code: number }) => e)
    expect(refused?.code).toBe(1)
    expect(refused?.stderr).toMatch(/商户 shop1 在这个数据库里已经有 \d+ 单、\d+ 位客户，没有改动。.*--replace/)
    check((await cli(['migrate', '--from', db, '--replace'], env)).stdout)
    const fromFile = (await cli(['export', '--db', db, '--as-of', '1997-09-30'])).stdout
    const fromPg = (await cli(['export', '--as-of', '1997-09-30'], { WXCRM_DATABASE_URL: url, WXCRM_MERCHANT: 'shop1' })).stdout
    expect(fromPg.split('\n').length).toBeGreaterThan(100)
    expect(fromPg).toBe(fromFile)
    // Another merchant of the same database has nothing.
    const other = (await cli(['export', '--as-of', '1997-09-30'], { WXCRM_DATABASE_URL: url, WXCRM_MERCHANT: 'shop2' })).stdout
    expect(other.trim().split('\n')).toHaveLength(1)
  }, 240_000)

  it('says in words when the server cannot be reached', async () => {
    const url = pg.server.urlOf('postgres').replace(/:\d+\//, ':1/')
    const failed = await cli(['export'], { WXCRM_DATABASE_URL: url }).then(() => null, (e: { stderr: string, code: number }) => e)
    expect(failed?.code).toBe(1)
    expect(failed?.stderr).toContain('连不上数据库')
    expect(failed?.stderr).toContain(':***@')
  }, 60_000)
})
