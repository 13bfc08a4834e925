import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { vocabularyOf } from '../../src/app/ledger/vocabulary.js'
import { trackChanges } from '../../src/app/router/track-changes.js'
import { storeIdentity } from '../../src/app/store-identity.js'
import { aCustomer } from '../helpers/builders.js'

describe('per-store caches through the message path\'s view of the store', () => {
  it('a view names the store it stands for; a plain store names itself', () => {
    const store = createMemoryStore()
    expect(storeIdentity(trackChanges(store).store)).toBe(store)
    expect(storeIdentity(store)).toBe(store)
  })

  it('the vocabulary learned through one message\'s view is the one the next message finds, and it keeps learning', () => {
    const store = createMemoryStore()
    store.customers.add(aCustomer({ id: 'c1', name: '张三丰' }))
    const first = vocabularyOf(trackChanges(store).store).customers()
    const view = trackChanges(store)
    view.store.customers.add(aCustomer({ id: 'c2', name: '李四娘' }))
    const second = vocabularyOf(view.store).customers()
    expect(second).toBe(first)
    expect([...second].sort()).toEqual(['张三丰', '李四娘'].sort())
    expect(view.changed()).toBe(true)
  })
})
