/**
 * Group commit: every `commit()` made while a write is running waits for the next write, so a burst
 * of orders shares one write, and each caller is released only once a write that started after its
 * change has finished.
 */
export interface GroupCommitOptions {
  write: () => Promise<void>
  /** Called after a failed write, before the waiting callers are rejected (e.g. reload from disk). */
  onFailure?: (error: unknown) => Promise<void>
}

export interface GroupCommit {
  commit(): Promise<void>
  /** Resolves when nothing is waiting or being written. */
  idle(): Promise<void>
  /** Number of physical writes so far. */
  writes(): number
}

interface Waiter { resolve: () => void, reject: (e: unknown) => void }

export function createGroupCommit(options: GroupCommitOptions): GroupCommit {
  let waiting: Waiter[] = []
  let running: Promise<void> | null = null
  let writes = 0

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
        // Later callers changed the same in-memory state that is now discarded: they fail too.
        const failed = [...batch, ...waiting]
        waiting = []
        try {
          await options.onFailure?.(error).catch(() => {})
        }
        finally {
          for (const w of failed) w.reject(error)
        }
      }
    }
    // Cleared in the same turn as the last check, so a commit() made from now on starts a new drain.
    running = null
  }

  return {
    commit() {
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
