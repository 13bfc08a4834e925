/** The part of `address-parse` (which ships no types) that wxcrm uses; its answers are checked with zod. */
declare module 'address-parse' {
  /** The module's `exports` as Node gives it to an ESM default import: the parser sits on `default`. */
  const exported: { default: { parse(text: string): unknown[] } }
  export default exported
}
