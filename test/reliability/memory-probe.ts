/**
 * Preloaded into the bot's process by the load test (`node --expose-gc --import tsx --import <this>`):
 * every WXCRM_PROBE_MS it collects garbage (when --expose-gc is on, so the figure is the live heap, not
 * whatever garbage happens to be waiting) and appends one JSON line with the process's memory figures
 * to WXCRM_PROBE_FILE. The bot's own code is not touched.
 */
import { appendFileSync } from 'node:fs'

const file = process.env.WXCRM_PROBE_FILE
const every = Number(process.env.WXCRM_PROBE_MS ?? 2_000)

if (file) {
  const collect = (globalThis as { gc?: () => void }).gc
  setInterval(() => {
    collect?.()
    const m = process.memoryUsage()
    appendFileSync(file, `${JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers })}\n`)
  }, every).unref()
}
