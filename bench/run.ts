/**
 * `npm run bench [-- --quick] [-- --json]`: wall times (median and min) and peak RSS of the hot paths.
 * --quick runs only the cases marked quick; --json prints the results as one JSON object on the last line.
 */
import { CASES } from './cases.js'
import { jsonLine, markdownTable, runCases } from './harness.js'

const args = new Set(process.argv.slice(2))
const quick = args.has('--quick')
const json = args.has('--json')
const selected = CASES.filter(c => !quick || c.quick)
const report = runCases(selected, line => process.stderr.write(`${line}\n`))
console.log(markdownTable(report))
if (json) console.log(jsonLine(report, { node: process.version, nodeFlags: nodeFlags(process.execArgv), quick }))

/** Node flags the bench ran with (e.g. --max-semi-space-size), without tsx's own loader arguments. */
function nodeFlags(execArgv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!
    const next = execArgv[i + 1]
    if ((arg === '--require' || arg === '--import') && next !== undefined && next.includes('tsx')) i++
    else if (!arg.includes('tsx')) out.push(arg)
  }
  return out
}
