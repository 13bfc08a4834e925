/** Test helpers: read a PNG's header and count dark pixels, decoding with @napi-rs/canvas. */
import { createCanvas, loadImage } from '@napi-rs/canvas'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Width and height from the IHDR chunk, after checking the PNG signature. */
export function pngSize(bytes: Uint8Array): { width: number, height: number } {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG signature')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const type = String.fromCharCode(...bytes.subarray(12, 16))
  if (type !== 'IHDR') throw new Error(`first chunk is ${type}, not IHDR`)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** RGBA pixels of a decoded PNG. */
export async function decode(bytes: Uint8Array): Promise<{ width: number, height: number, data: Uint8ClampedArray }> {
  const image = await loadImage(bytes)
  const canvas = createCanvas(image.width, image.height)
  const ctx = canvas.getContext('2d')
  ctx.drawImage(image, 0, 0)
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data }
}

/** Dark pixels (luminance below `threshold`) in a rectangle: 1 per pixel, as a string of 0/1 and the count. */
export function ink(img: { width: number, data: Uint8ClampedArray }, x0: number, y0: number, w: number, h: number, threshold = 128): { bits: string, count: number } {
  let bits = ''
  let count = 0
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const i = (y * img.width + x) * 4
      const lum = 0.299 * (img.data[i] as number) + 0.587 * (img.data[i + 1] as number) + 0.114 * (img.data[i + 2] as number)
      const dark = lum < threshold
      bits += dark ? '1' : '0'
      if (dark) count++
    }
  }
  return { bits, count }
}
