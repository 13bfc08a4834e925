import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../src/adapters/store/memory-store.js'
import { vocabularyOf } from '../../src/app/ledger/vocabulary.js'
import { useCaseStore } from '../../src/app/router/use-case-store.js'
import { storeIdentity } from '../../src/app/store-identity.js'
import { aCustomer } from '../helpers/builders.js'

describe('per-store caches through the use cases\' view of the store', () => {
  it('a view names the store it stands for; a plain store names itself', () => {
    const store = createMemoryStore()
    expect(storeIdentity(useCaseStore(store))).toBe(store)
    expect(storeIdentity(useCaseStore(useCaseStore(store)))).toBe(store)
    expect(storeIdentity(store)).toBe(store)
  })

  it('the vocabulary learned through one message\'s view is the one the next message finds, and it keeps learning', () => {
    const store = createMemoryStore()
    store.customers.add(aCustomer({ id: 'c1', name: '张三丰' }))
    const first = vocabularyOf(useCaseStore(store)).customers()
    const view = useCaseStore(store)
    const before = store.changeCount()
    view.customers.add(aCustomer({ id: 'c2', name: '李四娘' }))
    const second = vocabularyOf(view).customers()
    expect(second).toBe(first)
    expect(vocabularyOf(store).customers()).toBe(first)
    expect([...second].sort()).toEqual(['张三丰', '李四娘'].sort())
    expect(store.changeCount()).toBe(before + 1)
  })
})
