/** How product names are compared: `面膜`, ` 面膜 ` and `面膜` in full-width forms are one product. */
export function productKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase()
}
