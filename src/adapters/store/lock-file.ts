/** One process per database: a `<db>.lock` file holding the owner's pid, taken with O_EXCL. */
import { open, readFile, unlink } from 'node:fs/promises'

export class DbLockedError extends Error {
  override name = 'DbLockedError'
  constructor(readonly file: string, readonly pid: number) {
    super(`数据库文件 ${file} 正被另一个 wxcrm 进程（pid ${pid}）使用。请先停止它，或换一个数据库文件。`)
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the lock (clearing one left by a process that is gone) and returns its release. */
export async function lockDatabase(file: string): Promise<() => Promise<void>> {
  const lock = `${file}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lock, 'wx', 0o600)
      await fh.writeFile(String(process.pid))
      await fh.close()
      return async () => { await unlink(lock).catch(() => {}) }
    }
    catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim())
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DbLockedError(file, pid)
      await unlink(lock).catch(() => {})
    }
  }
  throw new Error(`could not lock ${file}`)
}
