/**
 * The classification chat commands read: computed on demand from the store and kept until the data
 * or the day changes (the store's revision), so a burst of questions costs one computation.
 */
import type { Store } from '../../domain/ports.js'
import type { Classification, CustomerClass } from '../../domain/segment/classify.js'
import type { ClassifyPolicy } from '../../domain/segment/policy.js'
import { classifyStore } from './reclassify.js'

export interface CurrentClassification {
  classification: Classification
  byCustomer: ReadonlyMap<string, CustomerClass>
}

/** A classification with its customers looked up by id. */
export function indexClassification(classification: Classification): CurrentClassification {
  return { classification, byCustomer: new Map(classification.customers.map(c => [c.customerId, c])) }
}

export interface Classifier {
  /** The classification as of `today` (YYYY-MM-DD) of what is in the store now. */
  current(today: string): CurrentClassification
}

export function createClassifier(store: Store, policy: ClassifyPolicy): Classifier {
  let cached: { key: string, value: CurrentClassification } | null = null
  return {
    current(today) {
      const key = `${today}#${store.revision()}`
      if (cached?.key !== key) {
        cached = { key, value: indexClassification(classifyStore(store, today, policy)) }
      }
      return cached.value
    },
  }
}
