/** Local mode as a newcomer meets it: `npm start` with no gateway token, typing into the terminal chat. */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readDatabase } from '../helpers/db.js'
import { waitFor } from '../helpers/gateway.js'

/** Sending at any hour of the test run, without pauses between messages. */
const SEND_NOW = JSON.stringify({ sending: { quietHours: { start: '00:00', end: '00:00' }, gapSeconds: { min: 0, max: 0 } } })

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) {
    try {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL')
    }
    catch {
      // Already gone, as it should be.
    }
  }
})

interface Local {
  dbFile: string
  out(): string
  type(...lines: string[]): void
  /** Types the lines, then waits for `pattern` in what is printed after them; returns that message (its first line and the indented ones under it). */
  ask(lines: string | string[], pattern: RegExp, what: string, timeoutMs?: number): Promise<string>
  /** Waits for `pattern` anywhere in the output from `from` on; returns that message. */
  until(pattern: RegExp, what: string, from?: number, timeoutMs?: number): Promise<string>
  quit(): Promise<number | null>
}

function workDir(): { dir: string, dbFile: string, configFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wxcrm-local-'))
  const configFile = join(dir, 'wxcrm.config.json')
  writeFileSync(configFile, SEND_NOW)
  return { dir, dbFile: join(dir, 'db.json'), configFile }
}

function envFor(dir: string, dbFile: string, configFile: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', HOME: dir, WXCRM_DB: dbFile, WXCRM_CONFIG: configFile ?? '' }
  delete env.WECHATY_PUPPET_SERVICE_TOKEN
  return env
}

/** The message printed around `index`: its first line and the indented lines that continue it. */
function messageAt(out: string, index: number): string {
  const lines = out.split('\n')
  let at = out.slice(0, index).split('\n').length - 1
  while (at > 0 && lines[at]!.startsWith('   ')) at--
  let end = at + 1
  while (end < lines.length && lines[end]!.startsWith('   ')) end++
  return lines.slice(at, end).join('\n')
}

async function startLocal(where: { dir: string, dbFile: string, configFile: string | null }): Promise<Local> {
  const child = spawn('npm', ['start'], { env: envFor(where.dir, where.dbFile, where.configFile), stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  children.push(child)
  let out = ''
  child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { out += d.toString() })
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  const type = (...lines: string[]): void => {
    for (const line of lines) child.stdin!.write(`${line}\n`)
  }
  const until = async (pattern: RegExp, what: string, from = 0, timeoutMs = 30_000): Promise<string> => {
    let found = -1
    // Whole lines only: a message is printed in one write, so a finished line means a finished message.
    await waitFor(() => (found = out.slice(from).search(pattern)) >= 0 && out.endsWith('\n'), timeoutMs, `${what}; output so far:\n${out.slice(-3000)}`)
    return messageAt(out, from + found)
  }
  await waitFor(() => out.includes('本地模式'), 90_000, `the local-mode banner; output so far:\n${out}`)
  return {
    dbFile: where.dbFile,
    out: () => out,
    type,
    until,
    async ask(lines, pattern, what, timeoutMs) {
      const from = out.length
      type(...[lines].flat())
      return until(pattern, what, from, timeoutMs)
    },
    async quit() {
      type('/quit')
      return exited
    },
  }
}

describe('npm start without a gateway token (local mode)', () => {
  it('records an order typed in the terminal chat, labelling group and private replies apart', async () => {
    const { dir, dbFile } = workDir()
    const local = await startLocal({ dir, dbFile, configFile: null })
    expect(await local.ask('代理 添加 小王', /已添加代理：小王/, 'the agent to be added')).toMatch(/^🤖 → 群「报单群」：@老板 ✅ 已添加代理：小王/)
    local.type('/as 小王')
    const recorded = await local.ask('张三 13800138000 面膜2盒 398 已付', /已记录/, 'the order to be recorded')
    expect(recorded).toMatch(/^🤖 → 群「报单群」：@小王 ✅ 已记录\n {3}#1 张三 138\*{4}8000：面膜×2盒 ¥398 已付/)
    // A profile asked in the group goes to the asker alone; the group only hears where it went.
    const from = local.out().length
    local.type('客户 张三')
    expect(await local.until(/👤 张三/, 'the private profile', from)).toMatch(/^🤖 → 小王（私聊）：👤 张三 13800138000/)
    expect(await local.until(/已私聊发给你/, 'the note in the group', from)).toBe('🤖 → 群「报单群」：@小王 📩 已私聊发给你。')
    // A labelled template pasted as one message: line by line, `客户：李四` alone would be a 客户 query.
    local.type('/paste', '客户：李四', '电话：13900139000', '产品：精华', '数量：1瓶', '金额：199', '付款：已付')
    expect(await local.ask('/end', /李四/, 'the pasted template to be recorded')).toMatch(/^🤖 → 群「报单群」：@小王 ✅ 已记录/)
    local.type('/dm')
    expect(await local.ask('撤销', /已撤销/, 'the undo answered privately')).toMatch(/^🤖 → 小王（私聊）：↩️ 已撤销：#2 李四/)
    expect(await local.quit()).toBe(0)
    const db = readDatabase(dbFile)
    expect(db.orders.filter(o => o.status === 'active')).toHaveLength(1)
    expect(local.out()).not.toContain('没有找到')
    expect(db.agents.map(a => a.name)).toEqual(['小王'])
  }, 180_000)

  it('shows messages the bot sends to others than the speaker, and saves every file under its own name', async () => {
    const local = await startLocal(workDir())
    await local.ask('代理 添加 小王', /已添加代理：小王/, 'the agent to be added')
    local.type('/as 小王')
    await local.ask('张三 13800138000 面膜2盒 398 已付', /已记录/, 'the order to be recorded')
    // 张三 writes to the bot from his own WeChat: his order is recorded and 小王 is told, not the speaker.
    local.type('/as 张三的微信', '/dm')
    const from = local.out().length
    local.type('面膜2盒 398 13800138000')
    expect(await local.until(/已收到您的订单/, 'the answer to 张三', from)).toMatch(/^🤖 → 张三的微信（私聊）：✅ 已收到您的订单/)
    expect(await local.until(/自己在微信上下单了/, 'the alert to 小王', from)).toMatch(/^🤖 → 小王（私聊）：🛒 客户 张三 自己在微信上下单了：#2 面膜×2盒 ¥398/)
    // The same chart twice: two files, neither over the other.
    local.type('/as 老板')
    const first = await local.ask('图表 金字塔', /\[文件\]/, 'the first chart')
    const second = await local.ask('图表 金字塔', /\[文件\]/, 'the second chart')
    const paths = [first, second].map(m => /已保存到 (\S+)/.exec(m)?.[1])
    expect(first).toMatch(/^🤖 → 老板（私聊）：\[文件\] 客户金字塔-.*\.png\n {3}已保存到 /)
    expect(paths[0]).not.toBe(paths[1])
    for (const p of paths) {
      expect(p && existsSync(p), p).toBe(true)
      expect(statSync(p!).mode & 0o777).toBe(0o600)
      expect(readFileSync(p!).subarray(1, 4).toString()).toBe('PNG')
    }
    expect(paths.every(p => p!.startsWith(join(local.dbFile, '..', 'local-files')))).toBe(true)
    expect(await local.quit()).toBe(0)
  }, 180_000)

  it('makes a group with /room, sets it as the VIP group (refusing one the bot is not in), and keeps it after a restart', async () => {
    const where = workDir()
    let local = await startLocal(where)
    const made = await local.ask('/room VIP客户群 何姐 孟悦', /已新建群/, 'the room to be made')
    expect(made).toBe('已新建群「VIP客户群」：老板、何姐、孟悦 和机器人。现在是 老板 在群「VIP客户群」里说话。')
    expect(await local.ask('帮助', /🤖 → 群「VIP客户群」/, 'an answer in the new room')).toMatch(/^🤖 → 群「VIP客户群」：@老板 📋 管理员可用：/)
    const refused = await local.ask('设置 VIP群 尊享会员群', /VIP群没有修改/, 'the refusal')
    expect(refused).toBe([
      '🤖 → 群「VIP客户群」：@老板 ❌ 机器人账号不在群「尊享会员群」里，VIP群没有修改。',
      '   机器人账号所在的群：「报单群」、「VIP客户群」',
      '   请发其中一个群名，或先把机器人账号拉进那个群。',
    ].join('\n'))
    expect(await local.ask('设置 VIP群 VIP客户群', /已设置 VIP群/, 'the VIP group to be set')).toBe('🤖 → 群「VIP客户群」：@老板 ✅ 已设置 VIP群：VIP客户群')
    // Someone not in the room is not slipped into it by /as; /in brings them in.
    expect(await local.ask('/as 小李', /小李 不在群/, 'the speaker moved out')).toContain('改为私聊机器人')
    expect(await local.ask('/in VIP客户群', /现在是/, 'the speaker in the room')).toBe('现在是 小李 在群「VIP客户群」里说话。')
    expect(await local.quit()).toBe(0)

    local = await startLocal(where)
    const rooms = await local.ask('/rooms', /「VIP客户群」：/, 'the rooms after a restart')
    expect(rooms).toBe('  「VIP客户群」：老板、何姐、孟悦、小李')
    const invite = await local.ask('任务 invite 预览', /预览「邀请入群」/, 'the invite preview')
    expect(invite).toContain('本次邀请 0 位进「VIP客户群」')
    expect(await local.quit()).toBe(0)
  }, 240_000)

  it('the demo merchant: every 任务 … 预览 has messages, and what the jobs send is shown with its recipients', async () => {
    const where = workDir()
    const demo = spawn('npm', ['run', 'demo', '--', '--db', where.dbFile], { env: envFor(where.dir, where.dbFile, where.configFile), stdio: ['ignore', 'pipe', 'pipe'] })
    let demoOut = ''
    demo.stdout.on('data', (d: Buffer) => { demoOut += d.toString() })
    demo.stderr.on('data', (d: Buffer) => { demoOut += d.toString() })
    expect(await new Promise(resolve => demo.once('exit', resolve)), demoOut).toBe(0)
    expect(demoOut).toContain('VIP 群「VIP客户群」已设置')

    const local = await startLocal(where)
    for (const [job, title] of [['digest', '每日简报'], ['nudge', '跟进提醒'], ['reactivate', '唤醒客户'], ['invite', '邀请入群'], ['perks', '会员福利']]) {
      const preview = await local.ask(`任务 ${job} 预览`, new RegExp(`预览「${title}」`), `the ${job} preview`)
      expect(preview, preview).toMatch(/\n {3}共 [1-9]\d* 条：/)
      expect(preview).not.toContain('没有要发送的消息')
      expect(preview).toMatch(/\n {3}1\. 【.+】发给 [^\s\d]/)
    }
    // Run for real: nudges and invitations reach other people than the merchant, and say so.
    expect(await local.ask('任务 nudge', /^🤖 → 小[王李张]（私聊）：☀️ 小[王李张]，今天有/m, 'a nudge to an agent', 60_000)).toMatch(/值得联系/)
    await local.ask('任务 invite', /🤖 把 \S+ 拉进了群「VIP客户群」/, 'a customer added to the VIP room', 60_000)
    expect(await local.quit()).toBe(0)
  }, 300_000)
})
