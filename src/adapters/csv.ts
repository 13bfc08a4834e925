/** CSV in and out, through csv-parse / csv-stringify. */
import { createReadStream } from 'node:fs'
import { chmod, writeFile } from 'node:fs/promises'
import { parse } from 'csv-parse'
import { stringify } from 'csv-stringify/sync'
/** One data line of a CSV file: its 1-based line number and its cells by column name. */
export interface CsvRow { line: number, values: Record<string, string> }

/** Reads a CSV file with a header line into rows keyed by column name, with 1-based line numbers. */
export async function readCsvRows(file: string, options: { delimiter?: string } = {}): Promise<{ columns: string[], rows: CsvRow[] }> {
  const parser = createReadStream(file).pipe(parse({
    delimiter: options.delimiter ?? ',',
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }))
  let columns: string[] | null = null
  const rows: CsvRow[] = []
  for await (const rec of parser as AsyncIterable<{ record: string[], info: { lines: number } }>) {
    if (!columns) {
      columns = rec.record.map(c => c.trim())
      continue
    }
    const values: Record<string, string> = {}
    columns.forEach((c, i) => {
      const v = rec.record[i]
      if (v !== undefined) values[c] = v
    })
    rows.push({ line: rec.info.lines, values })
  }
  return { columns: columns ?? [], rows }
}

/** CSV text with a UTF-8 BOM so that Excel opens Chinese text correctly. */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${stringify(rows)}`
}

export async function writeCsv(file: string, rows: string[][]): Promise<void> {
  await writeFile(file, toCsv(rows), { mode: 0o600 })
  // The mode above applies only to a new file; an export holds phone numbers, so owner-only always.
  await chmod(file, 0o600)
}
