/**
 * A lowdb adapter that writes the way an order book must be written: to a temporary file created
 * owner-only (0600), flushed to disk with fsync, then renamed over the database in one step.
 * lowdb's own JSONFile does the rename but neither the fsync nor the file mode.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Adapter } from 'lowdb'

export class SecureJsonFile<T> implements Adapter<T> {
  readonly #file: string
  readonly #tmp: string

  constructor(file: string) {
    this.#file = file
    this.#tmp = join(dirname(file), `.${basename(file)}.tmp`)
  }

  /** Returns the raw parsed JSON (or null when there is no file); validation is the caller's job. */
  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.#file, 'utf8')
    }
    catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
    return JSON.parse(text) as T
  }

  async write(data: T): Promise<void> {
    const text = JSON.stringify(data)
    const fh = await open(this.#tmp, 'w', 0o600)
    try {
      await fh.writeFile(text, 'utf8')
      await fh.sync()
    }
    catch (e) {
      await fh.close().catch(() => {})
      await unlink(this.#tmp).catch(() => {})
      throw e
    }
    await fh.close()
    await rename(this.#tmp, this.#file)
    await syncDir(dirname(this.#file))
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable; some filesystems refuse fsync on a directory, which is harmless.
  const fh = await open(dir, 'r').catch(() => null)
  if (!fh) return
  await fh.sync().catch(() => {})
  await fh.close()
}
