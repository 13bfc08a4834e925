/** Chinese numerals (小写 and 大写), Arabic numbers and mixed forms such as `1.5万` or `一万二`. */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
}
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 }
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 }

/** Every character that can appear in a Chinese numeral. */
export const NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億'

/** True for a Chinese digit or numeral unit character. */
export function isNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && NUMERAL_CHARS.includes(ch)
}

/** True for 十百千万亿 and their 大写 forms (a numeral that says its own magnitude). */
export function isNumeralUnitChar(ch: string): boolean {
  return ch in SMALL_UNITS || ch in BIG_UNITS
}

export interface NumeralOptions {
  /** Read digit strings without units (`二零二四` = 2024). Off for quantities, where `三两` is not 32. */
  sequence?: boolean
}

type Part =
  | { kind: 'digit', value: number, zeroChar: boolean, arabic: boolean, single: boolean }
  | { kind: 'small', unit: number }
  | { kind: 'big', unit: number }

function splitParts(text: string, scale: number, places: number): Part[] | null {
  const parts: Part[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    if (ch >= '0' && ch <= '9') {
      let j = i
      while (j < text.length && (text[j] as string) >= '0' && (text[j] as string) <= '9') j++
      let frac = ''
      if (text[j] === '.') {
        let k = j + 1
        while (k < text.length && (text[k] as string) >= '0' && (text[k] as string) <= '9') k++
        if (k === j + 1) return null
        frac = text.slice(j + 1, k)
        j = k
      }
      const whole = text.slice(i, j - (frac ? frac.length + 1 : 0))
      if (whole.length > 15 || frac.length > places) return null
      const value = Number(whole) * scale + (frac ? Number(frac.padEnd(places, '0')) : 0)
      parts.push({ kind: 'digit', value, zeroChar: false, arabic: true, single: whole.length === 1 && !frac })
      i = j
      continue
    }
    if (ch in DIGITS) {
      const d = DIGITS[ch] as number
      parts.push({ kind: 'digit', value: d * scale, zeroChar: d === 0, arabic: false, single: true })
    } else if (ch in SMALL_UNITS) {
      parts.push({ kind: 'small', unit: SMALL_UNITS[ch] as number })
    } else if (ch in BIG_UNITS) {
      parts.push({ kind: 'big', unit: BIG_UNITS[ch] as number })
    } else {
      return null
    }
    i++
  }
  return parts
}

function readSequence(parts: Part[], text: string, scale: number, options: NumeralOptions): number | null {
  const first = parts[0]
  if (parts.length === 1 && first?.kind === 'digit') return first.value
  if (!options.sequence || text.includes('两')) return null
  let digits = ''
  for (const p of parts) {
    if (p.kind !== 'digit' || p.arabic) return null
    digits += String(p.value / scale)
  }
  return Number(digits) * scale
}

/** Reads `text` as a number times 10^places, exactly, or null when it is not a number (or not integral at that scale). */
export function parseScaledNumber(text: string, places: number, options: NumeralOptions = {}): number | null {
  const t = text.trim()
  if (t === '') return null
  const scale = 10 ** places
  const parts = splitParts(t, scale, places)
  if (parts === null || parts.length === 0) return null
  if (!parts.some((p) => p.kind !== 'digit')) return readSequence(parts, t, scale, options)

  let total = 0
  let section = 0
  let pending: number | null = null
  let pendingSingle = false
  let unitBefore = 0
  let zero = false
  let lastSmall = Infinity
  let hadWan = false
  let previous: Part | null = null
  for (const p of parts) {
    if (p.kind === 'digit') {
      if (p.zeroChar) {
        if (pending !== null) return null
        zero = true
      } else {
        if (pending !== null) return null
        pending = p.value
        pendingSingle = p.single
        unitBefore = previous !== null && previous.kind !== 'digit' ? previous.unit : 0
      }
    } else if (p.kind === 'small') {
      if (pending === null) {
        if (p.unit !== 10 || section !== 0 || zero) return null
        pending = scale
      }
      if (p.unit >= lastSmall) return null
      section += pending * p.unit
      pending = null
      lastSmall = p.unit
      zero = false
    } else {
      if (pending !== null) section += pending
      pending = null
      if (section === 0) return null
      if (p.unit === 1e8) {
        total = (total + section) * 1e8
        hadWan = false
      } else {
        if (hadWan) return null
        total += section * 1e4
        hadWan = true
      }
      section = 0
      lastSmall = Infinity
      zero = false
    }
    previous = p
  }
  if (pending !== null) {
    // 两千五 is 2500 and 一万二 is 12000: a lone digit right after 百/千/万/亿 counts in the next lower place.
    section += pendingSingle && unitBefore >= 100 ? (pending * unitBefore) / 10 : pending
  }
  const result = total + section
  return Number.isSafeInteger(result) ? result : null
}

function decimalPlaces(text: string): number {
  const m = /\.(\d+)/.exec(text)
  return m?.[1] ? Math.min(m[1].length, 6) : 0
}

/** Reads a Chinese, Arabic or mixed numeral (`三十五`, `两千五`, `1.5万`, `12`) → number, or null. */
export function parseChineseNumber(text: string, options: NumeralOptions = { sequence: true }): number | null {
  const places = decimalPlaces(text)
  const scaled = parseScaledNumber(text, places, options)
  return scaled === null ? null : scaled / 10 ** places
}
