import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { runStoreContract } from '../contract/store.case.js'

runStoreContract('memory', {
  open: async () => createMemoryStore(),
  // A new store from a copy of the data: indexes and counters are rebuilt, as after a restart.
  reopen: async store => createMemoryStore((store as ReturnType<typeof createMemoryStore>).data()),
})
