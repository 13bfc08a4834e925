/** How local mode prints what the bot did in the mock WeChat, and how it names saved files (pure). */

/** Where a message went: a room by topic, or a contact by name (a private chat). */
export type Destination = { room: string } | { contact: string }

/** `群「报单群」` or `小王（私聊）`. */
export function destinationLabel(to: Destination): string {
  return 'room' in to ? `群「${to.room}」` : `${to.contact}（私聊）`
}

/** `🤖 → 小王（私聊）：first line`, further lines indented under it. */
export function sentText(to: Destination, text: string): string {
  const [first = '', ...rest] = text.split('\n')
  return [`🤖 → ${destinationLabel(to)}：${first}`, ...rest.map(l => `   ${l}`)].join('\n')
}

export function sentFile(to: Destination, name: string, path: string): string {
  return `🤖 → ${destinationLabel(to)}：[文件] ${name}\n   已保存到 ${path}`
}

export function fileNotSaved(to: Destination, name: string, why: string): string {
  return `🤖 → ${destinationLabel(to)}：[文件] ${name}（没能保存：${why}）`
}

/** The bot account added someone to a room, or (a big room, or asked so) sent them an invitation. */
export function roomAdd(who: string, topic: string, invited: boolean): string {
  return invited
    ? `🤖 → ${destinationLabel({ contact: who })}：[群邀请] 邀请你加入群「${topic}」（对方接受后才进群）`
    : `🤖 把 ${who} 拉进了群「${topic}」`
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * `20261123-100000-3-客户金字塔-2026-11-23.png`: the local time the file arrived, a counter, and the
 * name it was sent with, made safe for any file system (no folders, no hidden files, at most 80 characters).
 */
export function savedFileName(original: string, at: Date, seq: number): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  const safe = [...original.replace(/[/\\:*?"<>|\u0000-\u001F\u007F]/gu, '_').replace(/^[.\s]+/u, '')].slice(-80).join('').trim()
  return `${stamp}-${seq}-${safe || '文件'}`
}
