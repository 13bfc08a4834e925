/**
 * Links between the records of a dense collection (records numbered, see dense-table.ts) in circular
 * chains: `next` and `prev` side by side in one Int32Array indexed by the record's number (one cache
 * line serves both), grown by doubling. Each linked record has an id: its number, when the array may
 * cover it at no more than eight slots per record held (or 64k slots in all); otherwise a slot in a
 * short list of its own, with the id -3, -4, … So one stray number (a legacy order numbered
 * 20240101001) never costs gigabytes.
 */

/** No record (an empty slot). */
export const NIL = -1
/** `next` of a record in no chain. */
const OUT = -2
/** The highest number an id can be (ids are Int32). */
const MAX_ID = 0x3FFF_FFFE
/** Slots the array may always have, whatever the number of records. */
const FREE_SLOTS = 1 << 16
const SLOTS_PER_RECORD = 8

export class RecordLinks {
  /** next at 2·id, prev at 2·id + 1. */
  #links: Int32Array
  /** Records holding an id. */
  #count = 0
  /** Far numbers: number → index in the lists below (id -3 - index). */
  readonly #farIndex = new Map<number, number>()
  readonly #farNumber: number[] = []
  readonly #farNext: number[] = []
  readonly #farPrev: number[] = []
  readonly #freeFar: number[] = []

  /** `numbers`: one more than the highest number expected, among `records` records (sizes the array when within bounds). */
  constructor(numbers = 0, records = 0) {
    const slots = numbers <= Math.max(FREE_SLOTS, SLOTS_PER_RECORD * records) ? Math.min(numbers, MAX_ID + 1) : 0
    this.#links = new Int32Array(2 * slots).fill(OUT)
  }

  number(id: number): number {
    return id >= 0 ? id : this.#farNumber[-3 - id]!
  }

  next(id: number): number {
    return id >= 0 ? this.#links[2 * id]! : this.#farNext[-3 - id]!
  }

  prev(id: number): number {
    return id >= 0 ? this.#links[2 * id + 1]! : this.#farPrev[-3 - id]!
  }

  /** Whether `id` is in a chain. */
  linked(id: number): boolean {
    return this.next(id) !== OUT
  }

  /** Puts `id` (in no chain) after `at` in `at`'s circular chain, or alone in a chain of its own when `at` is NIL. */
  insertAfter(at: number, id: number): void {
    if (this.linked(id)) throw new Error(`record ${this.number(id)} is linked twice`)
    if (at === NIL) return this.setLinks(id, id, id)
    const after = this.next(at)
    this.setLinks(id, at, after)
    this.#setNext(at, id)
    this.#setPrev(after, id)
  }

  /** Takes `id` out of its chain and returns the record that followed it (`id` itself when it was alone). */
  unlink(id: number): number {
    const next = this.next(id)
    const prev = this.prev(id)
    this.#setNext(prev, next)
    this.#setPrev(next, prev)
    this.setLinks(id, NIL, OUT)
    return next
  }

  /** Sets both links of `id`, unchecked: a bulk build writing whole chains. */
  setLinks(id: number, prev: number, next: number): void {
    if (id >= 0) {
      this.#links[2 * id] = next
      this.#links[2 * id + 1] = prev
    }
    else {
      this.#farNext[-3 - id] = next
      this.#farPrev[-3 - id] = prev
    }
  }

  /** The id of number `n`, held until `release`. */
  acquire(n: number): number {
    this.#count++
    const far = this.#farIndex.size > 0 ? this.#farIndex.get(n) : undefined
    if (far !== undefined) return -3 - far
    if (this.#fits(n)) return n
    const f = this.#freeFar.pop() ?? this.#farNumber.length
    this.#farNumber[f] = n
    this.#farNext[f] = OUT
    this.#farPrev[f] = NIL
    this.#farIndex.set(n, f)
    return -3 - f
  }

  /** The id number `n` has, or NIL when it cannot have one. */
  find(n: number): number {
    const far = this.#farIndex.size > 0 ? this.#farIndex.get(n) : undefined
    if (far !== undefined) return -3 - far
    return Number.isInteger(n) && n >= 0 && n <= MAX_ID && 2 * n < this.#links.length ? n : NIL
  }

  release(id: number): void {
    this.#count--
    if (id >= 0) return
    const f = -3 - id
    this.#farIndex.delete(this.#farNumber[f]!)
    this.#freeFar.push(f)
  }

  #setNext(id: number, next: number): void {
    if (id >= 0) this.#links[2 * id] = next
    else this.#farNext[-3 - id] = next
  }

  #setPrev(id: number, prev: number): void {
    if (id >= 0) this.#links[2 * id + 1] = prev
    else this.#farPrev[-3 - id] = prev
  }

  /** Whether `n` can be its own id, growing the array (by doubling) when that stays within bounds. */
  #fits(n: number): boolean {
    if (!Number.isInteger(n) || n < 0 || n > MAX_ID) return false
    const have = this.#links.length / 2
    if (n < have) return true
    let slots = Math.max(have * 2, 16)
    while (slots <= n) slots *= 2
    slots = Math.min(slots, MAX_ID + 1)
    if (slots > Math.max(FREE_SLOTS, SLOTS_PER_RECORD * this.#count)) return false
    const links = new Int32Array(2 * slots).fill(OUT)
    links.set(this.#links)
    this.#links = links
    return true
  }
}
