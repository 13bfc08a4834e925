/** In-memory ChartRenderer for app tests: records each spec and returns a fixed 1×1 PNG, without canvas or fonts. */
import type { ChartRenderer, ChartSpec } from '../../domain/charts/specs.js'

// A valid 1×1 white PNG.
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII='

/** Creates a renderer that remembers what it was asked to draw in `rendered`. */
export function createMemoryChartRenderer(): ChartRenderer & { rendered: ChartSpec[] } {
  const rendered: ChartSpec[] = []
  return {
    rendered,
    async render(spec: ChartSpec): Promise<Uint8Array> {
      rendered.push(spec)
      return new Uint8Array(Buffer.from(TINY_PNG, 'base64'))
    },
  }
}
