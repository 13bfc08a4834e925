/** Local mode as a newcomer meets it: `npm start` with no gateway token, typing into the terminal chat. */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { readDatabase } from '../helpers/db.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { waitFor } from '../helpers/gateway.js'

describe('npm start without a gateway token (local mode)', () => {
  it('records an order typed in the terminal chat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxcrm-local-'))
    const dbFile = join(dir, 'db.json')
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', HOME: dir, WXCRM_DB: dbFile, WXCRM_CONFIG: '' }
    delete env.WECHATY_PUPPET_SERVICE_TOKEN
    const child = spawn('npm', ['start'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => { out += d.toString() })
    child.stderr.on('data', (d: Buffer) => { out += d.toString() })
    const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
    const type = (line: string): void => { child.stdin.write(`${line}\n`) }

    await waitFor(() => out.includes('本地模式'), 60_000, 'the local-mode banner')
    type('代理 添加 小王')
    await waitFor(() => out.includes('已添加代理：小王'), 15_000, 'the agent to be added')
    type('/as 小王')
    type('张三 13800138000 面膜2盒 398 已付')
    await waitFor(() => out.includes('已记录'), 15_000, 'the order to be recorded')
    // A labelled template pasted as one message: line by line, `客户：李四` alone would be a 客户 query.
    type('/paste')
    for (const line of ['客户：李四', '电话：13900139000', '产品：精华', '数量：1瓶', '金额：199', '付款：已付']) type(line)
    type('/end')
    await waitFor(() => out.includes('李四'), 15_000, 'the pasted template to be recorded')
    type('/quit')
    expect(await exited).toBe(0)
    expect(out).toMatch(/🤖 .*✅ 已记录/)
    const db = readDatabase(dbFile)
    expect(db.orders).toHaveLength(2)
    expect(out).not.toContain('没有找到')
    expect(db.agents.map((a: { name: string }) => a.name)).toEqual(['小王'])
  }, 120_000)
})
