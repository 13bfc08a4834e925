/**
 * The README's start command, as an operator runs it: `npm start` in a child process, configured only
 * by environment variables, against a local gateway (PuppetServer + mock WeChat on 127.0.0.1).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { readDatabase } from '../helpers/db.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Inbox, startGateway, waitFor, type Gateway } from '../helpers/gateway.js'

let gw: Gateway | undefined
let child: ChildProcess | undefined

afterAll(async () => {
  try {
    if (child?.pid) process.kill(-child.pid, 'SIGKILL')
  }
  catch {
    // Already gone, as it should be.
  }
  await gw?.stop()
})

describe('npm start against a gateway', () => {
  it('adds an agent, confirms their order, and has it on disk after SIGTERM', async () => {
    gw = await startGateway()
    const boss = gw.mocker.createContact({ name: '老板' })
    const wang = gw.mocker.createContact({ name: '小王' })
    const room = gw.mocker.createRoom({ topic: '报单群', memberIdList: [gw.self.id, boss.id, wang.id] })
    const inbox = new Inbox(room, gw.self.id)
    const dir = mkdtempSync(join(tmpdir(), 'wxcrm-start-'))
    const dbFile = join(dir, 'shop.json')

    let output = ''
    child = spawn('npm', ['start'], {
      cwd: process.cwd(),
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOME: dir,
        WXCRM_CONFIG: '',
        WXCRM_DB: dbFile,
        WXCRM_ADMINS: '老板',
        WECHATY_PUPPET_SERVICE_TOKEN: gw.token,
        WECHATY_PUPPET_SERVICE_ENDPOINT: gw.endpoint,
        WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (d: Buffer) => { output += d.toString() })
    child.stderr!.on('data', (d: Buffer) => { output += d.toString() })
    // 'close' comes once every process of the group has let go of the output pipes.
    const closed = new Promise<void>(resolve => child!.once('close', () => resolve()))

    await waitFor(() => output.includes('logged in'), 60_000, `login of the bot process; output so far:\n${output}`)
    const added = await inbox.after(() => boss.say('代理 添加 小王').to(room))
    expect(added, output).toContain('已添加代理：小王')
    const confirmed = await inbox.after(() => wang.say('张三 13800138000 面膜2盒 398 已付').to(room))
    expect(confirmed).toMatch(/已记录[\s\S]*张三[\s\S]*¥398/)

    // As systemd or docker stop does: SIGTERM to the whole process group (npm, tsx, node).
    process.kill(-child.pid!, 'SIGTERM')
    await closed
    expect(output).toContain('wxcrm 已停止，数据已保存。')
    const db = readDatabase(dbFile)
    expect(db.orders).toHaveLength(1)
    expect(db.orders[0]?.amountFen).toBe(39800)
    expect(db.customers[0]?.phone).toBe('13800138000')
    expect(statSync(dbFile).mode & 0o777).toBe(0o600)
  }, 120_000)
})

describe('npm start refuses to run on bad input', () => {
  const run = (env: Record<string, string>): { code: number | null, output: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'wxcrm-bad-'))
    const r = spawnSync('npm', ['start'], { env: { ...process.env, NODE_ENV: 'production', HOME: dir, WXCRM_CONFIG: '', ...env }, encoding: 'utf8', timeout: 60_000 })
    return { code: r.status, output: `${r.stdout}${r.stderr}` }
  }

  it('stops on a corrupt database file, names it, and leaves it untouched', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wxcrm-corrupt-')), 'db.json')
    writeFileSync(file, '{"schemaVersion":3,"agents":[{"id":"a1"}')
    const before = readFileSync(file)
    const { code, output } = run({ WXCRM_DB: file })
    expect(code).not.toBe(0)
    expect(output).toContain(`数据库文件 ${file} 无法读取`)
    expect(readFileSync(file).equals(before)).toBe(true)
  }, 60_000)

  it('stops on a bad setting and names the variable and what is allowed', () => {
    const { code, output } = run({ WXCRM_TZ: 'Mars/Olympus', WXCRM_DB: join(mkdtempSync(join(tmpdir(), 'wxcrm-tz-')), 'db.json') })
    expect(code).not.toBe(0)
    expect(output).toMatch(/timezone（来自环境变量 WXCRM_TZ）[\s\S]*Asia\/Shanghai/)
  }, 60_000)
})
