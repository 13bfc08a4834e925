/**
 * `npm run eval:parse [-- <file.jsonl> …] [-- --verbose]`: per-field accuracy of the order parser on chat
 * messages in the development set's format (test/fixtures/orders/README.md), plus how many orders and
 * non-orders the bot would answer. Without files it reads the two real sets and the authored set.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { commandWords } from '../src/app/commands/index.js'
import { evaluateParser, FIELD_NAMES, readEvalCases } from '../src/sim/parse-eval.js'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const fixtures = (name: string): string => fileURLToPath(new URL(`../test/fixtures/orders/${name}`, import.meta.url))
const files = args.filter(a => !a.startsWith('--'))
const paths = files.length > 0 ? files : [fixtures('real-chat.jsonl'), fixtures('real-more.jsonl'), fixtures('authored.jsonl')]
const pct = (r: number, t: number): string => (t === 0 ? '—' : `${(r / t).toFixed(3)} (${r}/${t})`)

for (const path of paths) {
  const cases = readEvalCases(readFileSync(path, 'utf8'))
  // A fixed day, so that dates in the messages resolve the same way on every run.
  const report = evaluateParser(cases, { today: '2026-11-23', commandWords: commandWords() })
  console.log(`\n${path}: ${cases.length} 条`)
  console.log('| 字段 | 正确率 |')
  console.log('|---|---|')
  for (const f of FIELD_NAMES) {
    const { right, total } = report.fields[f]
    if (total > 0) console.log(`| ${f} | ${pct(right, total)} |`)
  }
  console.log(`| **全部字段** | **${pct(report.right, report.total)}** |`)
  console.log(`| 报单有回应（记录或追问） | ${pct(report.ordersAnswered, report.orders)} |`)
  console.log(`| 非报单被回应 | ${report.nonOrdersAnswered}/${report.nonOrders} |`)
  if (verbose) for (const c of report.cases) if (c.misses.length > 0) console.log(`${c.id}: ${c.misses.join('; ')}`)
}
