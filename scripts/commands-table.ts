/** Prints the chat-command table for README.md from the command registry: `npm run docs:commands`. */
import { commands } from '../src/app/commands/index.js'
import { commandTable } from '../src/app/commands/table.js'

console.log(commandTable(commands))
