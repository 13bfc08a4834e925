/**
 * What a store that writes only its changes must remember between writes: the changes themselves
 * (as journal operations) and how to undo the ones not yet on disk.
 */
import type { Op } from './journal.js'
import { keyOf, MAIN_KEYS, MAIN_PART, partOf, type MainKey, type PartCollection } from './layout.js'
import type { DbData } from './schema.js'

interface Undo { c: PartCollection, key: string | null, before: unknown }

/**
 * What changed since the last drain (records by key, the newest wins; appended records; main keys),
 * and how to undo every change not yet on disk: the record each put replaced (undefined for a new
 * one, which is then the last of its list), and the main keys as they stand on disk.
 */
export function createChangeLog(enabled: boolean, initial: DbData) {
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
    put(c: PartCollection, r: unknown, before: unknown) {
      if (!enabled) return
      const key = keyOf(c, r)!
      let m = puts.get(c)
      if (!m) puts.set(c, m = new Map())
      m.set(key, r)
      undo.push({ c, key, before })
    },
    add(c: PartCollection, r: unknown) {
      if (!enabled) return
      adds.push({ c, r })
      undo.push({ c, key: null, before: undefined })
    },
    main(k: MainKey) {
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
