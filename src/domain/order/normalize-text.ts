/** Cleans chat text before parsing: half-width forms, one kind of space, no emoji, newlines kept. */

// NFKC already folds full-width ASCII (１２：，；（）＋＊＠), the ideographic space and ￥ → ¥.
const TIMES = /[×✕✖╳]/g
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/g
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFE00-\uFE0F\u20E3]|[\u{E0000}-\u{E007F}]|[\u{1F3FB}-\u{1F3FF}]/gu
const PICTURES = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\p{Co}|\p{Cs}/gu
const CONTROLS = /[\p{Cc}\p{Zs}]/gu
// Never shown, never meant: NUL and other controls, lone surrogates, bidi overrides, zero-width spaces. Joiners,
// variation selectors and skin tones stay: they are part of emoji in names (`👩‍👩‍👧`).
const UNPRINTABLE = /[\u00AD\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu
const LONE_SURROGATES = /\p{Cs}/gu
const CONTROLS_BUT_NEWLINE = /[^\P{Cc}\n]/gu
// WeChat renders stickers and media as [微笑], [捂脸], [图片] in plain text.
const STICKERS = /\[[\u4e00-\u9fff]{1,4}\]/g
const SPACES = / {2,}/g
const QUOTES = /[‘’]/g
/**
 * Only printable ASCII, newlines, Chinese characters and the Chinese punctuation NFKC leaves as it is
 * (`、。〈〉《》「」『』【】“”…`): most chat text, with nothing to fold or drop. A loop over the characters,
 * several times faster than the equivalent character-class pattern.
 */
function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 0x20 && c <= 0x7e) || c === 0x0a || (c >= 0x4e00 && c <= 0x9fff)) continue
    if (c === 0x3001 || c === 0x3002 || (c >= 0x3008 && c <= 0x3011) || c === 0x201c || c === 0x201d || c === 0x2026) continue
    return false
  }
  return true
}

/**
 * Text fit to quote back in a reply: control characters become spaces (newlines stay), invisible characters
 * that could garble the reply (NUL, lone surrogates, bidi overrides such as U+202E) are dropped. No NFKC.
 */
export function stripUnprintable(text: string): string {
  if (isPlain(text)) return text
  return text.replace(UNPRINTABLE, '').replace(/\r\n?/g, '\n').replace(CONTROLS_BUT_NEWLINE, ' ').replace(LONE_SURROGATES, ' ')
}

export interface NormalizeOptions {
  /** Keep emoji and their joiners: in a 接龙 entry `k🐮` is the dish and `冰✡️saya` the name. */
  keepPictures?: boolean
}

/** The folding and dropping that text outside the plain characters needs. */
function clean(text: string, options: NormalizeOptions): string {
  const base = text
    .replace(LINE_BREAKS, '\n')
    .replace(TIMES, '*')
    .replace(DASHES, '-')
    .replace(QUOTES, "'")
  return (options.keepPictures === true ? base.replace(UNPRINTABLE, '') : base.replace(INVISIBLE, '').replace(PICTURES, ' '))
    .replace(CONTROLS, (ch) => (ch === '\n' ? '\n' : ' '))
}

/** Full-width → half-width, `×` → `*`, emoji and control characters removed, spaces folded; lines trimmed. */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  const nfkc = text.normalize('NFKC')
  // Most chat text is only ASCII, Chinese and common Chinese punctuation: nothing there to fold or drop.
  const plain = isPlain(nfkc)
  // And most is one line with no sticker and single spaces: only the ends to trim.
  if (plain && !nfkc.includes('\n') && !nfkc.includes('  ') && !nfkc.includes('[')) return nfkc.trim()
  const s = (plain ? nfkc : clean(nfkc, options)).replace(STICKERS, ' ').replace(SPACES, ' ')
  const lines = s.split('\n').map((line) => line.trim())
  const out: string[] = []
  for (const line of lines) {
    // Keep at most one blank line in a row: blank lines separate templates.
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue
    out.push(line)
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop()
  return out.join('\n')
}
