/**
 * Reads the order parts left for later (deferred-parts.ts), newest first: a part is read in one
 * turn of the event loop and indexed a slice per turn after it, so messages keep being answered in
 * between; each part's records go in front of the orders in memory. Stopping (on close) waits for
 * the slice in hand.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { readDeferred, type DeferredPart } from './deferred-parts.js'
import { LoadProblem } from './read-part.js'

export interface OlderPartsSink {
  /** Takes a part's records; the function it returns does the next slice of the work, true once done. */
  add(records: readonly unknown[]): () => boolean
  done(): void
  failed(problem: LoadProblem): Promise<void>
}

export interface OlderParts {
  stop(): Promise<void>
}

export function readOlderParts(parts: readonly DeferredPart[], sink: OlderPartsSink): OlderParts {
  let stopped = false
  const run = async (): Promise<void> => {
    for (const part of parts) {
      await nextTurn()
      if (stopped) return
      let records: unknown[]
      try {
        records = readDeferred(part)
      }
      catch (error) {
        await sink.failed(error instanceof LoadProblem ? error : new LoadProblem(part.path, String(error)))
        return
      }
      const step = sink.add(records)
      while (!step()) {
        await nextTurn()
        if (stopped) return
      }
    }
    sink.done()
  }
  const running = parts.length === 0 ? Promise.resolve() : run()
  return {
    async stop() {
      stopped = true
      await running
    },
  }
}
