// Check characters of the codes the registry validates, for building valid test data in the browser tests.

/** GB 32100: an 18-character credit code with its check character, from the first 17. */
export function creditCode(first17) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  const sum = [...first17].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0)
  return first17 + chars[(31 - (sum % 31)) % 31]
}

/** GB 11714: the organisation code's check character after its first 8 characters. */
export function orgCode(first8) {
  const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  const weights = [3, 7, 9, 10, 5, 8, 4, 2]
  const r = 11 - ([...first8].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0) % 11)
  return first8 + (r === 10 ? 'X' : r === 11 ? '0' : String(r))
}
