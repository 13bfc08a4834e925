/**
 * The database lock against real processes: a live owner keeps it; a zombie (killed, not reaped), a
 * pid that now belongs to a process started at another time, a lock from another boot, a dead pid and
 * an unreadable file do not. Without /proc only the pid is checked.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DbLockedError, lockDatabase, type LockOwner } from '../../src/adapters/store/lock-file.js'
import { waitFor } from '../helpers/gateway.js'

const HAS_PROC = existsSync('/proc/self/stat') && existsSync('/proc/sys/kernel/random/boot_id')
const DEAD_PID = 4194305 // above Linux's largest pid (2^22)

const dirs: string[] = []
const children: ChildProcess[] = []
function dbFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'wxcrm-lock-'))
  dirs.push(d)
  return join(d, 'db.json')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
})

function procStat(pid: number): { state: string, startTime: string } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return { state: fields[0]!, startTime: fields[19]! }
}
const bootId = (): string => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()

/** A running process (`sleep`) with its start time. */
function liveProcess(): { pid: number, startTime: string } {
  const child = spawn('sleep', ['120'], { stdio: 'ignore' })
  children.push(child)
  return { pid: child.pid!, startTime: procStat(child.pid!).startTime }
}

/**
 * A real zombie: a `sleep` killed with SIGKILL whose parent never waits for it (the `sh` that started
 * it exec'd into another `sleep`). Node's own children cannot serve: libuv reaps them at once.
 */
async function zombie(): Promise<{ pid: number, startTime: string }> {
  const parent = spawn('sh', ['-c', 'sleep 120 & echo $!; exec sleep 120'], { stdio: ['ignore', 'pipe', 'ignore'] })
  children.push(parent)
  const pid = await new Promise<number>((resolve) => {
    parent.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())))
  })
  const { startTime } = procStat(pid)
  process.kill(pid, 'SIGKILL')
  await waitFor(() => procStat(pid).state === 'Z', 5_000, `pid ${pid} to become a zombie`)
  return { pid, startTime }
}

const writeLock = (file: string, owner: LockOwner | string): void =>
  writeFileSync(`${file}.lock`, typeof owner === 'string' ? owner : JSON.stringify(owner))

async function takesOver(file: string): Promise<void> {
  const release = await lockDatabase(file)
  expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid })
  await release()
  expect(existsSync(`${file}.lock`)).toBe(false)
}

describe.skipIf(!HAS_PROC)('the database lock, with /proc (skipped where there is no procfs)', () => {
  let live: { pid: number, startTime: string }
  let dead: { pid: number, startTime: string }
  beforeAll(async () => {
    live = liveProcess()
    dead = await zombie()
  })

  it('writes pid, start time and boot id, owner-only, with no temporary file left; the release removes it', async () => {
    const file = dbFile()
    const release = await lockDatabase(file)
    const lock = `${file}.lock`
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toEqual({ pid: process.pid, startTime: procStat(process.pid).startTime, bootId: bootId() })
    expect(statSync(lock).mode & 0o777).toBe(0o600)
    expect(readdirSync(join(file, '..'))).toEqual(['db.json.lock'])
    await release()
    expect(readdirSync(join(file, '..'))).toEqual([])
  })

  it('is refused while its owner runs, naming the pid (also in the pid-only form of older versions)', async () => {
    for (const owner of [{ pid: live.pid, startTime: live.startTime, bootId: bootId() }, String(live.pid)]) {
      const file = dbFile()
      writeLock(file, owner)
      const error = await lockDatabase(file).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DbLockedError)
      expect((error as DbLockedError).pid).toBe(live.pid)
      expect(readFileSync(`${file}.lock`, 'utf8')).toBe(typeof owner === 'string' ? owner : JSON.stringify(owner))
    }
  })

  it('sees the zombie as the kernel does: it still answers kill(pid, 0), and its state is Z', () => {
    expect(() => process.kill(dead.pid, 0)).not.toThrow()
    expect(procStat(dead.pid).state).toBe('Z')
  })

  it.each<[string, () => LockOwner | string]>([
    ['a zombie (killed, not yet reaped by its parent)', () => ({ pid: dead.pid, startTime: dead.startTime, bootId: bootId() })],
    ['a live pid that started at another time (the pid was reused)', () => ({ pid: live.pid, startTime: String(Number(live.startTime) - 1), bootId: bootId() })],
    ['this process\'s pid, started at another time (a container restart: the bot is pid 1 again)', () => ({ pid: process.pid, startTime: '1', bootId: bootId() })],
    ['a live pid of another boot (rebooted since)', () => ({ pid: live.pid, startTime: live.startTime, bootId: randomUUID() })],
    ['a pid that is gone', () => ({ pid: DEAD_PID, startTime: '1', bootId: bootId() })],
    ['an older version, pid only, gone', () => String(DEAD_PID)],
    ['an empty file', () => ''],
    ['a file that is not a lock', () => '{"owner":"me"}'],
  ])('takes over a lock left by %s', async (_, owner) => {
    const file = dbFile()
    writeLock(file, owner())
    await takesOver(file)
  })

  it('clears a takeover left by a process that died while clearing a stale lock', async () => {
    const file = dbFile()
    writeLock(file, { pid: DEAD_PID, startTime: '1', bootId: bootId() })
    writeFileSync(`${file}.lock.takeover`, JSON.stringify({ pid: dead.pid, startTime: dead.startTime, bootId: bootId() }))
    await takesOver(file)
    expect(existsSync(`${file}.lock.takeover`)).toBe(false)
  })

  it('waits while a live process holds the takeover, and is refused once that process has the lock', async () => {
    const file = dbFile()
    writeLock(file, { pid: DEAD_PID, startTime: '1', bootId: bootId() })
    writeFileSync(`${file}.lock.takeover`, JSON.stringify({ pid: live.pid, startTime: live.startTime, bootId: bootId() }))
    const taking = lockDatabase(file).catch((e: unknown) => e)
    await new Promise(resolve => setTimeout(resolve, 50))
    // The other process finishes its takeover: its lock replaces the stale one, its takeover goes.
    writeLock(file, { pid: live.pid, startTime: live.startTime, bootId: bootId() })
    unlinkSync(`${file}.lock.takeover`)
    const error = await taking
    expect(error).toBeInstanceOf(DbLockedError)
    expect((error as DbLockedError).pid).toBe(live.pid)
  })

  it('lets one of several processes racing for a stale lock have it, and refuses the others', async () => {
    const file = dbFile()
    writeLock(file, { pid: dead.pid, startTime: dead.startTime, bootId: bootId() })
    const module = join(process.cwd(), 'src/adapters/store/lock-file.ts')
    const at = Date.now() + 4_000
    // The winner holds the lock until every racer has answered (the test then closes its stdin), so a
    // racer that a busy machine starts late still meets a live owner rather than a released lock.
    const script = `import { lockDatabase } from ${JSON.stringify(module)}
      while (Date.now() < ${at}) {}
      try {
        await lockDatabase(${JSON.stringify(file)}); console.log('locked')
        process.stdin.resume(); await new Promise(r => process.stdin.once('end', r))
      }
      catch (e) { console.log(e.name) }`
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }))
    const exits = children.map(child => new Promise(resolve => child.once('exit', resolve)))
    const answers = children.map(child => new Promise<string>((resolve) => {
      let out = ''
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        if (out.includes('\n')) resolve(out.trim())
      })
      child.once('exit', () => resolve(out.trim()))
    }))
    const results = (await Promise.all(answers)).sort()
    for (const child of children) child.stdin!.end()
    await Promise.all(exits)
    expect(results).toEqual(['DbLockedError', 'DbLockedError', 'DbLockedError', 'locked'])
  }, 30_000)
})

describe('the database lock without /proc (kill(pid, 0) only)', () => {
  const noProc = { procDir: join(tmpdir(), `no-proc-${randomUUID()}`) }

  it('writes the pid alone, refuses a live owner and takes over from a dead one', async () => {
    const file = dbFile()
    const release = await lockDatabase(file, noProc)
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toEqual({ pid: process.pid })
    await release()

    const sleeper = spawn('sleep', ['120'], { stdio: 'ignore' })
    children.push(sleeper)
    writeLock(file, { pid: sleeper.pid!, startTime: '1', bootId: randomUUID() })
    await expect(lockDatabase(file, noProc)).rejects.toBeInstanceOf(DbLockedError)

    writeLock(file, { pid: DEAD_PID })
    const again = await lockDatabase(file, noProc)
    await again()
    expect(existsSync(`${file}.lock`)).toBe(false)
  })
})
