/** The terminal's own commands in local mode, read from one typed line (pure: no I/O). */

export type LocalCommand =
  | { kind: 'say', text: string }
  | { kind: 'as', name: string }
  | { kind: 'dm' }
  | { kind: 'group' }
  | { kind: 'in', topic: string }
  | { kind: 'room', topic: string, members: string[] }
  | { kind: 'rooms' }
  | { kind: 'who' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'paste' }
  /** A terminal command written wrongly: this line is shown, nothing is sent. */
  | { kind: 'usage', text: string }

export const LOCAL_HELP = [
  '命令：',
  '  /as <名字>            换成这个人说话（没有就新建一个微信联系人；在报单群里时悄悄拉 TA 进群）',
  '  /dm                   私聊机器人',
  '  /group                回到报单群',
  '  /in <群名>            到这个群里说话（不在群里就悄悄进群）',
  '  /room <群名> [成员…]  新建一个群：机器人、你和列出的人，然后在群里说话（群名不能有空格）',
  '  /rooms                列出所有群和成员',
  '  /who                  现在是谁、在哪里说话',
  '  /paste                粘贴多行消息（报单模板、接龙），单独一行 /end 发送',
  '  /help                 显示这段说明          /quit   退出',
  '其余输入都会作为微信消息发出。机器人发出的每条消息都标明发给了谁：“→ 小王（私聊）”或“→ 群「报单群」”。',
].join('\n')

/** `@` marks room ids in WeChat, so names may not hold it. */
const badName = (name: string): string | null => name.includes('@') || name.includes('＠') ? `名字里不能有 @：${name}` : null

/** What one typed line asks for; anything that is not a terminal command is a chat message. */
export function parseLocalLine(line: string): LocalCommand {
  const text = line.trim()
  const [cmd = '', ...rest] = text.split(/\s+/u)
  const arg = rest.join(' ')
  switch (cmd) {
    case '/as': {
      if (!arg) return { kind: 'usage', text: '用法：/as <名字>' }
      const bad = badName(arg)
      return bad ? { kind: 'usage', text: bad } : { kind: 'as', name: arg }
    }
    case '/dm': return { kind: 'dm' }
    case '/group': return { kind: 'group' }
    case '/in': return arg ? { kind: 'in', topic: arg } : { kind: 'usage', text: '用法：/in <群名>' }
    case '/room': {
      const [topic, ...members] = rest
      if (!topic) return { kind: 'usage', text: '用法：/room <群名> [成员…]，例如 /room VIP客户群 何姐 孟悦' }
      const bad = members.map(badName).find(b => b !== null)
      return bad ? { kind: 'usage', text: bad } : { kind: 'room', topic, members: [...new Set(members)] }
    }
    case '/rooms': return { kind: 'rooms' }
    case '/who': return { kind: 'who' }
    case '/help': return { kind: 'help' }
    case '/quit': return { kind: 'quit' }
    case '/paste': return { kind: 'paste' }
    // `/概览` and other words with a slash are the bot's commands: they go to WeChat as typed.
    default: return { kind: 'say', text }
  }
}
