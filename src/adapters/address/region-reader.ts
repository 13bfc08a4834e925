/**
 * The AddressReader on `address-parse` (GB/T 2260 division data): `深圳市福田区福田街道…` → 广东省 /
 * 深圳市 / 福田区. The library's answer is checked before it is trusted.
 */
import addressParse from 'address-parse'
import { z } from 'zod'
import type { AddressReader } from '../../domain/ports.js'
import type { Region } from '../../domain/types.js'

const ParsedSchema = z.object({ province: z.string(), city: z.string(), area: z.string() })

interface Parser { parse(text: string): unknown[] }

// A Babel-built CommonJS module: Node hands its whole `exports` to an ESM default import.
const parser: Parser = 'parse' in addressParse ? addressParse as Parser : addressParse.default

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim())

/** An AddressReader backed by the bundled division data; nothing is fetched. */
export function createRegionReader(): AddressReader {
  return {
    region(address: string): Region | null {
      let first: unknown
      try {
        first = parser.parse(address)[0]
      }
      catch {
        return null
      }
      const parsed = ParsedSchema.safeParse(first)
      if (!parsed.success) return null
      const region = { province: orNull(parsed.data.province), city: orNull(parsed.data.city), district: orNull(parsed.data.area) }
      return region.province === null && region.city === null && region.district === null ? null : region
    },
  }
}
