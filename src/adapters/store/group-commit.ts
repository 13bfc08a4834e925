/**
 * Group commit: every `commit()` made while a write is running waits for the next write, so a burst
 * of orders shares one write, and each caller is released only once a write that started after its
 * change has finished.
 */
export interface GroupCommitOptions {
  write: () => Promise<void>
  /**
   * Called synchronously after a failed write to put memory back to the last durable state; every
   * caller waiting at that moment is then rejected. If it throws, the store refuses all later commits.
   */
  rollback: (error: unknown) => void
}

export interface GroupCommit {
  commit(): Promise<void>
  /** Resolves when nothing is waiting or being written. */
  idle(): Promise<void>
  /** Number of physical writes so far. */
  writes(): number
}

interface Waiter { resolve: () => void, reject: (e: unknown) => void }

/** The store could not return to a durable state after a failed write; nothing more is accepted. */
export class StoreBrokenError extends Error {
  override name = 'StoreBrokenError'
}

export function createGroupCommit(options: GroupCommitOptions): GroupCommit {
  let waiting: Waiter[] = []
  let running: Promise<void> | null = null
  let writes = 0
  let broken: unknown = null

  async function drain(): Promise<void> {
    // Let every change made in this turn of the event loop join the first write.
    await new Promise<void>(resolve => setImmediate(resolve))
    while (waiting.length > 0) {
      const batch = waiting
      waiting = []
      try {
        writes++
        await options.write()
        for (const w of batch) w.resolve()
      }
      catch (error) {
        // No await from here on: the rollback and the set of callers it discards must be one step,
        // or a change made in between would be acknowledged after being thrown away.
        try {
          options.rollback(error)
        }
        catch (rollbackError) {
          broken = rollbackError
        }
        const failed = [...batch, ...waiting]
        waiting = []
        for (const w of failed) w.reject(error)
      }
    }
    // Cleared in the same turn as the last check, so a commit() made from now on starts a new drain.
    running = null
  }

  return {
    commit() {
      if (broken) return Promise.reject(new StoreBrokenError(`store unusable after a failed rollback: ${String(broken)}`))
      const p = new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }))
      if (!running) running = drain()
      return p
    },
    async idle() {
      while (running) await running
    },
    writes: () => writes,
  }
}
