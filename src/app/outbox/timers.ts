/** Timer functions, injected so tests drive time (`vi.useFakeTimers()`). */
export interface Timers {
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
}

/** The global timers, looked up at each call (so fake timers installed later apply); never keep the process alive. */
export const defaultTimers: Timers = {
  set(fn, ms) {
    const t = setTimeout(fn, ms)
    t.unref?.()
    return t
  },
  clear: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
