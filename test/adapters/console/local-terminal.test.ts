/** Local mode's terminal: its own commands, how it labels what the bot sent, saved file names, stored rooms. */
import { describe, expect, it } from 'vitest'
import { parseLocalLine } from '../../../src/adapters/console/local-commands.js'
import { destinationLabel, roomAdd, savedFileName, sentText } from '../../../src/adapters/console/local-output.js'
import { localContactId, localContactName, localRoomId, readLocalIds, readLocalRooms, writeLocalRooms } from '../../../src/adapters/console/local-world.js'

describe('terminal commands', () => {
  it.each([
    ['/as 小王', { kind: 'as', name: '小王' }],
    ['  /as  王 姐 ', { kind: 'as', name: '王 姐' }],
    ['/as', { kind: 'usage', text: '用法：/as <名字>' }],
    ['/as a@b', { kind: 'usage', text: '名字里不能有 @：a@b' }],
    ['/dm', { kind: 'dm' }],
    ['/group', { kind: 'group' }],
    ['/in VIP客户群', { kind: 'in', topic: 'VIP客户群' }],
    ['/in', { kind: 'usage', text: '用法：/in <群名>' }],
    ['/room VIP客户群', { kind: 'room', topic: 'VIP客户群', members: [] }],
    ['/room VIP客户群 何姐 孟悦 何姐', { kind: 'room', topic: 'VIP客户群', members: ['何姐', '孟悦'] }],
    ['/room', { kind: 'usage', text: '用法：/room <群名> [成员…]，例如 /room VIP客户群 何姐 孟悦' }],
    ['/room 群 甲＠乙', { kind: 'usage', text: '名字里不能有 @：甲＠乙' }],
    ['/rooms', { kind: 'rooms' }],
    ['/who', { kind: 'who' }],
    ['/help', { kind: 'help' }],
    ['/quit', { kind: 'quit' }],
    ['/paste', { kind: 'paste' }],
    // The bot's own commands may start with a slash: they go to WeChat as typed.
    ['/概览', { kind: 'say', text: '/概览' }],
    ['张三 13800138000 面膜2盒 398 已付', { kind: 'say', text: '张三 13800138000 面膜2盒 398 已付' }],
  ])('%s', (line, expected) => {
    expect(parseLocalLine(line)).toEqual(expected)
  })
})

describe('what the bot sent, labelled with where it went', () => {
  it.each([
    [{ contact: '小王' }, '小王（私聊）'],
    [{ room: 'VIP客户群' }, '群「VIP客户群」'],
  ])('%o → %s', (to, label) => {
    expect(destinationLabel(to)).toBe(label)
  })

  it('puts the first line beside the label and indents the rest', () => {
    expect(sentText({ room: '报单群' }, '@小王 ✅ 已记录\n#1 张三')).toBe('🤖 → 群「报单群」：@小王 ✅ 已记录\n   #1 张三')
    expect(sentText({ contact: '小李' }, '💬 客户 张三 回复了')).toBe('🤖 → 小李（私聊）：💬 客户 张三 回复了')
  })

  it.each([
    [false, '🤖 把 何姐 拉进了群「VIP客户群」'],
    [true, '🤖 → 何姐（私聊）：[群邀请] 邀请你加入群「VIP客户群」（对方接受后才进群）'],
  ])('a room add (invited: %s)', (invited, line) => {
    expect(roomAdd('何姐', 'VIP客户群', invited)).toBe(line)
  })
})

describe('saved file names', () => {
  const at = new Date(2026, 10, 23, 9, 5, 7)
  it.each([
    ['客户金字塔-2026-11-23.png', 1, '20261123-090507-1-客户金字塔-2026-11-23.png'],
    ['客户金字塔-2026-11-23.png', 2, '20261123-090507-2-客户金字塔-2026-11-23.png'],
    ['../../etc/passwd', 3, '20261123-090507-3-_.._etc_passwd'],
    ['.hidden.csv', 4, '20261123-090507-4-hidden.csv'],
    ['a\u0000b:c?.csv', 5, '20261123-090507-5-a_b_c_.csv'],
    ['', 6, '20261123-090507-6-文件'],
    [`${'长'.repeat(100)}.png`, 7, `20261123-090507-7-${'长'.repeat(76)}.png`],
  ])('%s (#%i)', (name, seq, expected) => {
    expect(savedFileName(name, at, seq)).toBe(expected)
  })
})

describe('the mock WeChat kept across restarts', () => {
  it('makes contact and room ids from names, and reads names back', () => {
    expect(localContactId('何姐')).toBe('local-何姐')
    expect(localContactName(localContactId('何姐'))).toBe('何姐')
    expect(localContactName('wxid_abc123')).toBeNull()
    expect(localContactName('local-')).toBeNull()
    expect(localRoomId('VIP客户群')).toBe('local-VIP客户群@chatroom')
    expect(localRoomId('a@b')).toMatch(/^[^@]*@chatroom$/)
  })

  it('stores rooms and reads them back; anything not understood counts as none', () => {
    const rooms = [{ topic: 'VIP客户群', members: ['老板', '何姐'] }]
    expect(readLocalRooms(writeLocalRooms(rooms))).toEqual(rooms)
    for (const bad of [undefined, '', '{', '{"topic":"x"}', '[{"topic":"","members":[]}]', '[{"topic":"x","members":[1]}]'])
      expect(readLocalRooms(bad)).toEqual([])
    expect(readLocalIds('["a","b"]')).toEqual(['a', 'b'])
    expect(readLocalIds('[1]')).toEqual([])
  })
})
