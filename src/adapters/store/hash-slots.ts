/**
 * Where a chain index (chain-index.ts) finds the chain of a key hash: an open-addressing hash table
 * (linear probing, at most two thirds full, doubled when it would be more) of [hash, head] pairs in
 * one Int32Array, 8 bytes a slot and no map entry per key. A slot stands for a hash, not a key: two
 * keys with one hash share a chain, and the index tells their records apart by their key. A hash's
 * home slot grows with it (its top bits, scaled to the table's size), so hashes added in ascending
 * order (a bulk build) fill the table front to back.
 */
import { NIL } from './record-links.js'

/** FNV-1a over the UTF-16 code units, then a final mix so that every bit depends on every unit. */
export function hashKey(key: string): number {
  let h = 0x811C9DC5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ (h >>> 16), 0x7FEB352D)
  h = Math.imul(h ^ (h >>> 15), 0x846CA68B)
  return h ^ (h >>> 16)
}

const MIN_SLOTS = 16
/** The top 26 bits of a hash, scaled to `slots`: exact in a double up to 2^27 slots, and ascending with the hash. */
const home = (h: number, slots: number): number => Math.floor((h >>> 6) * slots / 0x400_0000)
const after = (i: number, slots: number): number => i + 1 === slots ? 0 : i + 1

export class HashSlots {
  /** hash at 2·slot, head at 2·slot + 1 (NIL: an empty slot). */
  #table = new Int32Array(2 * MIN_SLOTS).fill(NIL)
  #slots = MIN_SLOTS
  #used = 0

  /** Room for `hashes` distinct hashes without growing (before a bulk build). */
  reserve(hashes: number): void {
    if (3 * hashes > 2 * this.#slots) this.#resize(Math.ceil(1.5 * hashes) + 1)
  }

  /** The slot of hash `h`, or -1. */
  find(h: number): number {
    const t = this.#table
    const slots = this.#slots
    for (let i = home(h, slots); ; i = after(i, slots)) {
      if (t[2 * i + 1] === NIL) return -1
      if (t[2 * i] === h) return i
    }
  }

  /** Makes the slot of hash `h` (which has none), its chain starting at `head`. */
  claim(h: number, head: number): void {
    if (3 * (this.#used + 1) > 2 * this.#slots) this.#resize(2 * this.#slots)
    this.#put(this.#table, this.#slots, h, head)
    this.#used++
  }

  /** Fills the empty table with `count` distinct hashes, in ascending unsigned order, and their chains' heads. */
  fill(hashes: Int32Array, heads: Int32Array, count: number): void {
    if (this.#used > 0) throw new Error('the hash table is not empty')
    this.reserve(count)
    const t = this.#table
    const slots = this.#slots
    // Each lands on its home slot or the first one after the previous: where probing would put it.
    let next = 0
    for (let k = 0; k < count; k++) {
      const i = Math.max(home(hashes[k]!, slots), next)
      if (i === slots) {
        // The last slots are taken: the rest wrap around to the front, as probing does.
        for (; k < count; k++) this.#put(t, slots, hashes[k]!, heads[k]!)
        break
      }
      t[2 * i] = hashes[k]!
      t[2 * i + 1] = heads[k]!
      next = i + 1
    }
    this.#used = count
  }

  /** Empties a slot, moving back the entries after it that may then be found sooner (no tombstones). */
  release(slot: number): void {
    const t = this.#table
    const slots = this.#slots
    let hole = slot
    for (let j = after(slot, slots); t[2 * j + 1] !== NIL; j = after(j, slots)) {
      // The entry at j may fill the hole unless its home slot lies after the hole (cyclically).
      const from = home(t[2 * j]!, slots)
      if ((j - from + slots) % slots >= (j - hole + slots) % slots) {
        t[2 * hole] = t[2 * j]!
        t[2 * hole + 1] = t[2 * j + 1]!
        hole = j
      }
    }
    t[2 * hole + 1] = NIL
    this.#used--
  }

  head(slot: number): number {
    return this.#table[2 * slot + 1]!
  }

  setHead(slot: number, id: number): void {
    this.#table[2 * slot + 1] = id
  }

  #put(t: Int32Array, slots: number, h: number, head: number): void {
    let i = home(h, slots)
    while (t[2 * i + 1] !== NIL) i = after(i, slots)
    t[2 * i] = h
    t[2 * i + 1] = head
  }

  #resize(slots: number): void {
    const old = this.#table
    const t = new Int32Array(2 * slots).fill(NIL)
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== NIL) this.#put(t, slots, old[i]!, old[i + 1]!)
    this.#table = t
    this.#slots = slots
  }
}
