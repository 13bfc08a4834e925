/**
 * Tables for the terminal, aligned by display width: a Chinese character takes two columns, so
 * `String.padEnd` (which counts UTF-16 units) would push every row with a Chinese label out of line.
 */
import stringWidth from 'string-width'

export type Align = 'left' | 'right'

/** `text` padded with spaces to `width` terminal columns, on the right (left-aligned) or the left. */
export function padToWidth(text: string, width: number, align: Align = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)))
  return align === 'left' ? text + fill : fill + text
}

export interface TableOptions {
  /** Alignment per column (default: the first column left, the others right, as for counts). */
  align?: readonly Align[]
  /** Spaces between columns (default 2). */
  gap?: number
}

/** Rows of cells as lines whose columns line up in a terminal. */
export function formatTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell)) })
  const gap = ' '.repeat(options.gap ?? 2)
  return rows
    .map(row => row.map((cell, i) => padToWidth(cell, widths[i]!, options.align?.[i] ?? (i === 0 ? 'left' : 'right'))).join(gap))
    .join('\n')
}
