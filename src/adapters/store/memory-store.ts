/** A Store that lives only in memory: for unit tests and throwaway runs. */
import type { Store } from '../../domain/ports.js'
import { emptyDb, type DbData } from './schema.js'
import { createStateStore } from './state-store.js'

export function createMemoryStore(initial: DbData = emptyDb()): Store & { data(): DbData } {
  return createStateStore(structuredClone(initial), { commit: () => Promise.resolve() })
}
