/** Logger for the terminal: one line per event, phone numbers masked. */
import { type Logger, redact } from '../domain/logger.js'

export function createConsoleLogger(options: { quiet?: boolean } = {}): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>): string =>
    redact(`${new Date().toISOString()} ${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`)
  return {
    info: (m, f) => { if (!options.quiet) console.error(line('INFO', m, f)) },
    warn: (m, f) => console.error(line('WARN', m, f)),
    error: (m, f) => console.error(line('ERROR', m, f)),
  }
}
