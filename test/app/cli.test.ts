/** The `wxcrm` command line as a user runs it: the package bin in a shell, on a database file. */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const CDNOW = 'test/fixtures/cdnow_sample_transactions.csv'
const ENV = { ...process.env, NODE_ENV: 'production', WXCRM_CONFIG: '' }
const cli = (args: string[]): string => execFileSync('node', ['bin/wxcrm.js', ...args], { encoding: 'utf8', env: ENV })

/** Runs `wxcrm <args> | head -1` in a shell; the status is wxcrm's own (pipefail), not head's. */
function pipedIntoHead(args: string): { status: number | null, stdout: string, stderr: string } {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `node bin/wxcrm.js ${args} | head -1`], { encoding: 'utf8', env: ENV })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('output piped into head', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'wxcrm-pipe-')), 'db.json')
  beforeAll(() => {
    cli(['import', CDNOW, '--db', db, '--customer', 'id', '--date', 'date', '--amount', 'dollars', '--qty', 'cds'])
  }, 60_000)

  it.each([
    ['export', `export --db ${db}`],
    ['classify --json', `classify --db ${db} --as-of 1997-09-30 --json`],
  ])('%s ends quietly with success when the reader has gone', (_name, args) => {
    const r = pipedIntoHead(args)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1)
  }, 60_000)
})
