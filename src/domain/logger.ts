/** Logging port. Every line goes through `redact` so full phone numbers never reach a log. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

const PHONE = /(?<!\d)(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g

/** Masks mainland mobile numbers (`138****8000`) anywhere in a log line. */
export function redact(text: string): string {
  return text.replace(PHONE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
}

/** A logger that drops everything (tests, quiet tools). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
