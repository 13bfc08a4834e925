/**
 * What a store that writes only its changes must remember between writes: the changes themselves
 * (as journal operations) and how to undo the ones not yet on disk.
 */
import { COLLECTIONS, MAIN_CLASSIFICATION_INPUTS } from './collections.js'
import type { Op } from './journal.js'
import { keyOf, MAIN_KEYS, MAIN_PART, partOf, type MainKey, type PartCollection } from './layout.js'
import type { DbData } from './schema.js'

/** How to undo one change: the record a put replaced (undefined for a new record), or the record an add appended. */
interface Undo { c: PartCollection, key: string | null, before: unknown, added?: unknown }

let freezing = false
/**
 * Records handed to the store are frozen from now on (tests turn this on): records are never
 * changed in place, which part rewrites (they capture lists of records) and undo rely on.
 */
export function freezeStoredRecords(on: boolean): void {
  freezing = on
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const v of Object.values(value)) deepFreeze(v)
}

/**
 * What changed since the last drain (records by key, the newest wins; appended records; main keys),
 * and how to undo every change not yet on disk: the record each put replaced, the record each add
 * appended, and the main keys as they stand on disk. Every change to a collection its descriptor
 * marks as a classification input bumps the revision, whether or not changes are tracked.
 */
export function createChangeLog(enabled: boolean, initial: DbData) {
  let revision = 0
  let puts = new Map<PartCollection, Map<string, unknown>>()
  let adds: { c: PartCollection, r: unknown }[] = []
  let mains = new Set<MainKey>()
  let undo: Undo[] = []
  let drained = 0
  let inFlightMain: Partial<Record<MainKey, unknown>> = {}
  const onDisk: Partial<Record<MainKey, unknown>> = enabled ? structuredClone(Object.fromEntries(MAIN_KEYS.map(k => [k, initial[k]]))) : {}
  const clear = (): void => {
    puts = new Map()
    adds = []
    mains = new Set()
  }
  return {
    revision: () => revision,
    /** Something replaced the state as a whole (a reload, an undo). */
    bump() {
      revision++
    },
    put(c: PartCollection, r: unknown, before: unknown) {
      if (COLLECTIONS[c].classificationInput) revision++
      if (freezing) deepFreeze(r)
      if (!enabled) return
      const key = keyOf(c, r)!
      let m = puts.get(c)
      if (!m) puts.set(c, m = new Map())
      m.set(key, r)
      undo.push({ c, key, before })
    },
    add(c: PartCollection, r: unknown) {
      if (COLLECTIONS[c].classificationInput) revision++
      if (freezing) deepFreeze(r)
      if (!enabled) return
      adds.push({ c, r })
      undo.push({ c, key: null, before: undefined, added: r })
    },
    main(k: MainKey) {
      if (MAIN_CLASSIFICATION_INPUTS.has(k)) revision++
      if (enabled) mains.add(k)
    },
    drain(data: DbData): Op[] {
      const ops: Op[] = []
      inFlightMain = {}
      for (const k of mains) {
        const v = structuredClone(data[k])
        inFlightMain[k] = v
        ops.push({ p: MAIN_PART, set: k, v })
      }
      for (const [c, m] of puts) for (const r of m.values()) ops.push({ p: partOf(c, r), put: r })
      for (const { c, r } of adds) ops.push({ p: partOf(c, r), add: r })
      drained = undo.length
      clear()
      return ops
    },
    saved() {
      undo = undo.slice(drained)
      drained = 0
      Object.assign(onDisk, inFlightMain)
      inFlightMain = {}
    },
    takeUnsaved(): { undo: Undo[], main: Partial<Record<MainKey, unknown>> } {
      const out = { undo, main: structuredClone(onDisk) }
      undo = []
      drained = 0
      inFlightMain = {}
      clear()
      return out
    },
  }
}
