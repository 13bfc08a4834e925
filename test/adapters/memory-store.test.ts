import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { runStoreContract } from '../contract/store.case.js'

runStoreContract('memory', {
  open: async () => createMemoryStore(),
  reopen: async store => store,
})
