/**
 * One process per database: a `<db>.lock` file naming its owner. It holds the owner's pid, the
 * process's start time (field 22 of /proc/<pid>/stat, clock ticks since boot) and the boot id
 * (/proc/sys/kernel/random/boot_id), so that a lock is not mistaken for a live one when its process
 * was killed but not yet reaped (a zombie still answers `kill(pid, 0)`), or when its pid now belongs
 * to another process (after a reboot, or a container restart where the bot is always pid 1).
 *
 * The lock is written whole to a temporary file and hard-linked into place: the link fails if a lock
 * exists, and nobody ever reads a half-written one. A stale lock is deleted only by the holder of a
 * second, short-lived lock (`<db>.lock.takeover`), after it has checked the lock once more. Without /proc (macOS, …) only
 * the pid is checked, with `kill(pid, 0)`.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { link, open, readFile, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'

export class DbLockedError extends Error {
  override name = 'DbLockedError'
  constructor(readonly file: string, readonly pid: number) {
    super(`数据库文件 ${file} 正被另一个 wxcrm 进程（pid ${pid}）使用。请先停止它，或换一个数据库文件。`)
  }
}

export interface LockOwner {
  pid: number
  /** Field 22 of /proc/<pid>/stat; absent without /proc and in locks of older versions. */
  startTime?: string
  /** The kernel's boot id; absent without /proc and in locks of older versions. */
  bootId?: string
}

export interface LockOptions {
  /** Where procfs is mounted (a test points it elsewhere to play a system without it). */
  procDir?: string
}

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  startTime: z.string().regex(/^\d+$/).optional(),
  bootId: z.string().min(1).optional(),
})

/** A lock file's owner; an older version wrote only the pid. `null` for anything else (no owner). */
export function parseLockOwner(text: string): LockOwner | null {
  const trimmed = text.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) > 0 ? { pid: Number(trimmed) } : null
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(trimmed))
    return parsed.success ? parsed.data : null
  }
  catch {
    return null
  }
}

interface ProcStat { state: string, startTime: string }

/** State and start time of a process, `null` if it has no /proc entry. */
function readStat(procDir: string, pid: number): ProcStat | null {
  let text: string
  try {
    text = readFileSync(join(procDir, String(pid), 'stat'), 'utf8')
  }
  catch {
    return null
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const state = fields[0]
  const startTime = fields[19]
  return state && startTime ? { state, startTime } : null
}

function readBootId(procDir: string): string | undefined {
  try {
    return readFileSync(join(procDir, 'sys', 'kernel', 'random', 'boot_id'), 'utf8').trim() || undefined
  }
  catch {
    return undefined
  }
}

function answersSignal(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** This process as a lock owner. */
export function currentOwner(options: LockOptions = {}): LockOwner {
  const procDir = options.procDir ?? '/proc'
  const stat = readStat(procDir, process.pid)
  const bootId = readBootId(procDir)
  return { pid: process.pid, ...(stat ? { startTime: stat.startTime } : {}), ...(bootId ? { bootId } : {}) }
}

/** Whether `owner` is a process still running now (never true for a zombie or a reused pid). */
export function ownerAlive(owner: LockOwner, options: LockOptions = {}): boolean {
  const procDir = options.procDir ?? '/proc'
  const here = currentOwner(options)
  // No /proc here: the pid is all there is to go by.
  if (here.startTime === undefined) return answersSignal(owner.pid)
  // Rebooted since: every process of that boot is gone, whatever its pid is now.
  if (owner.bootId !== undefined && here.bootId !== undefined && owner.bootId !== here.bootId) return false
  const stat = readStat(procDir, owner.pid)
  // No entry: gone, unless /proc hides other users' processes (hidepid) and the pid still answers.
  if (!stat) return answersSignal(owner.pid)
  // Z: killed, not yet reaped by its parent; X: being reaped.
  if (stat.state === 'Z' || stat.state === 'X') return false
  return owner.startTime === undefined || owner.startTime === stat.startTime
}

const sameOwner = (a: LockOwner, b: LockOwner): boolean =>
  a.pid === b.pid && (a.startTime === undefined || b.startTime === undefined || a.startTime === b.startTime)

async function readOwner(lock: string): Promise<LockOwner | null | 'missing'> {
  try {
    return parseLockOwner(await readFile(lock, 'utf8'))
  }
  catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw e
  }
}

/** Puts the complete lock file in place, failing with EEXIST if there is one. */
async function create(lock: string, text: string): Promise<void> {
  const tmp = join(dirname(lock), `.${basename(lock)}.${process.pid}.${randomUUID()}.tmp`)
  await writeFile(tmp, text, { mode: 0o600, flag: 'wx' })
  try {
    await link(tmp, lock)
  }
  catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    // A filesystem without hard links (FAT, some network mounts): exclusive create, then write.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e
    const fh = await open(lock, 'wx', 0o600)
    try {
      await fh.writeFile(text)
    }
    finally {
      await fh.close()
    }
  }
  finally {
    await unlink(tmp).catch(() => {})
  }
}

/** The owner a lock names, when that owner is not running (a lock that names nobody is stale too). */
function staleOwner(owner: LockOwner | null, me: LockOwner, options: LockOptions): boolean {
  return owner === null || (!sameOwner(owner, me) && !ownerAlive(owner, options))
}

const sameText = (a: LockOwner | null, b: LockOwner | null): boolean =>
  a === null || b === null ? a === b : sameOwner(a, b)

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

type Clearing = 'cleared' | 'busy' | { liveOwner: LockOwner }

/**
 * Deletes a stale lock. Only the holder of `<lock>.takeover` may delete a lock, so the file it judged
 * stale is still the file it deletes: nobody can replace an existing lock, and a live owner only
 * removes its own. A takeover file left by a process that died mid-takeover is cleared the same way.
 */
async function clearStale(lock: string, judged: LockOwner | null, me: LockOwner, options: LockOptions): Promise<Clearing> {
  const guard = `${lock}.takeover`
  try {
    await create(guard, `${JSON.stringify(me)}\n`)
  }
  catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    const holder = await readOwner(guard)
    if (holder !== 'missing' && staleOwner(holder, me, options)) await unlink(guard).catch(() => {})
    return 'busy'
  }
  try {
    const now = await readOwner(lock)
    if (now === 'missing') return 'cleared'
    if (now !== null && !staleOwner(now, me, options)) return { liveOwner: now }
    // Another stale lock than the one judged (its clearer finished and its new owner died): look again.
    if (!sameText(now, judged)) return 'busy'
    await unlink(lock).catch(() => {})
    return 'cleared'
  }
  finally {
    await unlink(guard).catch(() => {})
  }
}

/** Takes the lock (clearing one left by a process that is gone) and returns its release. */
export async function lockDatabase(file: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const lock = `${file}.lock`
  const me = currentOwner(options)
  const text = `${JSON.stringify(me)}\n`
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await create(lock, text)
      return async () => {
        // Only our own lock: never one that another process holds.
        const owner = await readOwner(lock).catch(() => null)
        if (owner !== null && owner !== 'missing' && sameOwner(owner, me)) await unlink(lock).catch(() => {})
      }
    }
    catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const owner = await readOwner(lock)
    if (owner === 'missing') continue
    // A lock naming this very process is ours (a pid is only reused by another process).
    if (owner !== null && sameOwner(owner, me)) {
      await unlink(lock).catch(() => {})
      continue
    }
    if (!staleOwner(owner, me, options)) throw new DbLockedError(file, owner!.pid)
    const cleared = await clearStale(lock, owner, me, options)
    if (typeof cleared === 'object') throw new DbLockedError(file, cleared.liveOwner.pid)
    // Another starter is clearing it: give it a moment, then look again.
    if (cleared === 'busy') await pause(10 + attempt)
  }
  throw new Error(`could not lock ${file}`)
}
