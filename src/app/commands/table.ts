/** The Markdown table of chat commands, built from the registry (README.md carries a copy). */
import { type CommandDef, ROLE_NAMES } from '../router/types.js'

export function commandTable(defs: readonly CommandDef[]): string {
  const rows = defs.map(d => `| \`${d.usage.replace(/｜/g, '` · `')}\` | ${[d.name, ...d.aliases].filter(w => /\S/.test(w)).join('、')} | ${d.roles.map(r => ROLE_NAMES[r]).join('、')} | ${d.summary} |`)
  return ['| 用法 | 名称与别名 | 谁可以用 | 作用 |', '|---|---|---|---|', ...rows].join('\n')
}
