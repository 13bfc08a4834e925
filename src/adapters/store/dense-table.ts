/**
 * Records by key when keys are `<prefix><number>` with the number in one of the record's fields (an
 * order `o12` with number 12): one dense array by number serves the key and the number, with a map
 * only for keys of another form. At a million orders that is one index, not two maps.
 */
export class DenseTable<R extends object> {
  #byNumber: (R | undefined)[] = []
  readonly #other = new Map<string, R>()
  readonly #code: number
  readonly #plain: RegExp

  constructor(readonly prefix: string, readonly field: string, readonly keyOf: (record: R) => string) {
    this.#code = prefix.charCodeAt(0)
    this.#plain = new RegExp(`^${prefix.replace(/\W/g, '\\$&')}\\d{1,15}$`)
  }

  numberOf(record: R): number {
    return (record as Record<string, number>)[this.field]!
  }

  get(key: string): R | undefined {
    if (key.charCodeAt(0) === this.#code && this.#plain.test(key)) {
      const r = this.#byNumber[Number(key.slice(this.prefix.length))]
      if (r !== undefined && this.keyOf(r) === key) return r
    }
    return this.#other.get(key)
  }

  /** Sets every record of `records` (into an empty table: its array is made long enough at once). */
  load(records: readonly R[]): void {
    let top = -1
    for (const r of records) {
      const n = this.numberOf(r)
      if (n > top && Number.isInteger(n) && n <= 8 * records.length + 0xFFFF) top = n
    }
    if (this.#byNumber.length === 0 && top >= 0) this.#byNumber = new Array<R | undefined>(top + 1)
    for (const r of records) this.set(r)
  }

  set(record: R): void {
    const key = this.keyOf(record)
    const n = this.numberOf(record)
    // A number far past the end (the newest orders arrive first when older parts are read later) would
    // turn the array into a dictionary; growing its length first keeps it an array. (Not past the
    // longest array there can be: a stray number beyond it is held as a property.)
    if (n > this.#byNumber.length + 1024 && n < 0xFFFF_FFFF) this.#byNumber.length = n + 1
    this.#byNumber[n] = record
    if (!this.#isPlain(key, n)) this.#other.set(key, record)
  }

  delete(record: R): void {
    const key = this.keyOf(record)
    const n = this.numberOf(record)
    const at = this.#byNumber[n]
    if (at !== undefined && this.keyOf(at) === key) this.#byNumber[n] = undefined
    this.#other.delete(key)
  }

  /** Sets `record` unless its number is taken (a record older than those present); whether it was set. */
  fill(record: R): boolean {
    if (this.#byNumber[this.numberOf(record)] !== undefined) return false
    this.set(record)
    return true
  }

  /** The record numbered `n`, a number taken from a record (unchecked). */
  at(n: number): R | undefined {
    return this.#byNumber[n]
  }

  byNumber(n: number): R | undefined {
    return Number.isInteger(n) && n >= 0 ? this.#byNumber[n] : undefined
  }

  /** Whether `key` is exactly `<prefix><n>` (checked digit by digit: no string is built per record). */
  #isPlain(key: string, n: number): boolean {
    const p = this.prefix.length
    if (!key.startsWith(this.prefix) || key.length <= p || key.length > p + 15 || (key.charCodeAt(p) === 48 && key.length > p + 1)) return false
    let m = 0
    for (let i = p; i < key.length; i++) {
      const d = key.charCodeAt(i) - 48
      if (d < 0 || d > 9) return false
      m = m * 10 + d
    }
    return m === n
  }
}
