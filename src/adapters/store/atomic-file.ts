/**
 * A file written the way an order book must be written: to a temporary file created owner-only
 * (0600), flushed to disk with fsync, then renamed over the target in one step (lowdb's JSONFile does
 * the rename but neither the fsync nor the file mode). It also remembers the SHA-256 of what it last
 * wrote, which the main file records so a part written by wxcrm loads without a record-by-record check.
 */
import { createHash } from 'node:crypto'
import { open, readFile, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** What `read()` returns when there is no file yet (as opposed to a file that holds `null`). */
export const MISSING = Symbol('missing')

export class AtomicFile<T> {
  readonly #file: string
  readonly #tmp: string
  #sha256 = ''

  constructor(file: string) {
    this.#file = file
    this.#tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
  }

  /** The raw parsed JSON, or MISSING; validation is the caller's job. Throws SyntaxError on bad JSON. */
  async read(): Promise<T | typeof MISSING> {
    let text: string
    try {
      text = await readFile(this.#file, 'utf8')
    }
    catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return MISSING
      throw e
    }
    return JSON.parse(text) as T
  }

  /** Serializes now (so the content is what it is at the call), then writes. */
  async write(data: T | typeof MISSING): Promise<void> {
    const text = JSON.stringify(data)
    await this.writeText((async function* () { yield text })())
  }

  /** Writes bytes (a part). */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.writeText((async function* () { yield bytes })())
  }

  /** Writes content that arrives in pieces (each awaited), with the same temporary file, fsync and rename. */
  async writeText(pieces: AsyncIterable<string | Uint8Array>): Promise<void> {
    const hash = createHash('sha256')
    const fh = await open(this.#tmp, 'w', 0o600)
    try {
      for await (const piece of pieces) {
        hash.update(piece)
        if (typeof piece === 'string') await fh.write(piece, null, 'utf8')
        else await fh.writeFile(piece)
      }
      await fh.sync()
      this.#sha256 = hash.digest('hex')
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

  /** SHA-256 (hex) of the text last written. */
  lastSha256(): string {
    return this.#sha256
  }
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex')
}

export async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable; some filesystems refuse fsync on a directory, which is harmless.
  const fh = await open(dir, 'r').catch(() => null)
  if (!fh) return
  await fh.sync().catch(() => {})
  await fh.close()
}
