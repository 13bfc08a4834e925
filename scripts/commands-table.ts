/**
 * Prints the chat-command table from the registry: `npm run docs:commands`; with `-- --write` it
 * replaces the table in README.md between the `commands:start` and `commands:end` markers.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { commands } from '../src/app/commands/index.js'
import { commandTable } from '../src/app/commands/table.js'

const table = commandTable(commands)
if (process.argv.includes('--write')) {
  const readme = readFileSync('README.md', 'utf8')
  const next = readme.replace(/<!-- commands:start -->[\s\S]*<!-- commands:end -->/, `<!-- commands:start -->\n${table}\n<!-- commands:end -->`)
  writeFileSync('README.md', next)
  console.log(next === readme ? 'README.md already up to date' : 'README.md updated')
}
else {
  console.log(table)
}
