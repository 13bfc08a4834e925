/** Runs one benchmark case in this process and prints its figures and this process's peak RSS as JSON. */
import { CASES } from './all-cases.js'

const [name, mode] = process.argv.slice(2)
const c = CASES.find(x => x.name === name)
if (!c) {
  console.error(`unknown case ${name}; known: ${CASES.map(x => x.name).join(', ')}`)
  process.exit(2)
}
const figures = await c.run(mode === '--quick')
console.log(JSON.stringify({ figures, peakRssMb: process.resourceUsage().maxRSS / 1024 }))
process.exit(0)
