import {
  FibonacciIntegerRangeEncoder,
  FixedIntegerRangeEncoder,
  DecodingError as GppDecodingError,
} from '@iabgpp/cmpapi'
import {
  PurposeRestrictionVectorEncoder,
  DecodingError as TcfDecodingError,
  VendorVectorEncoder,
} from '@iabtechlabtcf/core'

/**
 * The most ids one range field of a TC or GPP string may expand to: every possible vendor id
 * (they are 16-bit). A genuine string lists each id once, so it never comes near.
 */
export const MAX_RANGE_IDS = 65_535

/**
 * TCF and GPP encode id lists as ranges ("ids 1 to 65535"), and both IAB libraries expand every
 * range into one array element or one map entry per id, however often the string repeats it and
 * however large a Fibonacci-coded end is. A 50-character GPP header can so ask for billions of
 * elements (the process dies with a fatal "invalid size" error, which no `try` catches), and a
 * 10 KB TC string for 100 million map writes (the event loop stalls for seconds).
 *
 * These guards count, from the bits alone, how many ids a range field would expand to and refuse
 * the field with the library's own `DecodingError` beyond {@link MAX_RANGE_IDS}, before the
 * library expands anything. They wrap the four decoders through which every range of both
 * libraries passes, so no section, segment or future field escapes them. Installed once, by the
 * two signal decoders, before their first decode.
 */
export function installRangeGuards(): void {
  if (installed) return
  installed = true

  const fixedRange = FixedIntegerRangeEncoder.decode.bind(FixedIntegerRangeEncoder)
  FixedIntegerRangeEncoder.decode = (bits: string): number[] => {
    refuseOver(countFixedRangeIds(bits, 0).ids, GppDecodingError)
    return fixedRange(bits)
  }

  const fibonacciRange = FibonacciIntegerRangeEncoder.decode.bind(FibonacciIntegerRangeEncoder)
  FibonacciIntegerRangeEncoder.decode = (bits: string): number[] => {
    refuseOver(countFibonacciRangeIds(bits), GppDecodingError)
    return fibonacciRange(bits)
  }

  const vendorVector = VendorVectorEncoder.decode.bind(VendorVectorEncoder)
  VendorVectorEncoder.decode = (bits: string, version?: number) => {
    refuseOver(countVendorVectorIds(bits, version), TcfDecodingError)
    return vendorVector(bits, version)
  }

  const restrictions = PurposeRestrictionVectorEncoder.decode.bind(PurposeRestrictionVectorEncoder)
  PurposeRestrictionVectorEncoder.decode = (bits: string) => {
    refuseOver(countPurposeRestrictionIds(bits), TcfDecodingError)
    return restrictions(bits)
  }
}

let installed = false

function refuseOver(ids: number, ErrorClass: new (message: string) => Error): void {
  // NaN and Infinity (a Fibonacci number beyond double range) are refused as well.
  if (!(ids <= MAX_RANGE_IDS)) {
    throw new ErrorClass(`an id range lists more than ${MAX_RANGE_IDS} ids`)
  }
}

/**
 * An unsigned integer from up to `length` bits at `at`, read as the libraries read it: the bits
 * that are there (fewer at the end of the string), none at all being 0.
 */
function uint(bits: string, at: number, length: number): number {
  const part = bits.substring(at, at + length)
  return part.length === 0 ? 0 : Number.parseInt(part, 2)
}

const ID_BITS = 16

/**
 * Ids of a list of `count` entries, each `1` + start + end (a range) or `0` + id, with 16-bit ids,
 * starting at bit `at`. Returns where the list ends, for the restriction vector's next entry.
 */
function countEntries(bits: string, at: number, count: number): { ids: number; end: number } {
  let ids = 0
  let i = at
  for (let n = 0; n < count && i < bits.length && ids <= MAX_RANGE_IDS; n++) {
    const isRange = bits.charAt(i) === '1'
    i += 1
    const start = uint(bits, i, ID_BITS)
    i += ID_BITS
    if (isRange) {
      const end = uint(bits, i, ID_BITS)
      i += ID_BITS
      ids += end >= start ? end - start + 1 : 0
    } else {
      ids += 1
    }
  }
  return { ids, end: i }
}

/** GPP fixed-integer range: a 12-bit count, then the entries. */
function countFixedRangeIds(bits: string, at: number): { ids: number; end: number } {
  return countEntries(bits, at + 12, uint(bits, at, 12))
}

/** The value of one Fibonacci-coded integer (bits up to and including the terminating `11`). */
function fibonacciValue(code: string): number {
  let value = 0
  let fib = 1 // the i-th weight: 1, 2, 3, 5, 8, …
  let nextFib = 2
  for (let i = 0; i < code.length - 1; i++) {
    if (code.charAt(i) === '1') value += fib
    ;[fib, nextFib] = [nextFib, fib + nextFib]
  }
  return value
}

/**
 * GPP Fibonacci range: a 12-bit count, then entries whose values are deltas from the last. Each
 * code is found exactly as the library finds it (up to the next `11`, with `substring`'s
 * argument swap when there is none); where the library would throw, counting stops.
 */
function countFibonacciRangeIds(bits: string): number {
  const count = uint(bits, 0, 12)
  let i = 12
  let offset = 0
  let ids = 0
  const next = (): number | undefined => {
    const stop = bits.indexOf('11', i)
    const code = bits.substring(i, stop + 2)
    if (code.length < 2 || code.indexOf('11') !== code.length - 2) return undefined
    offset += fibonacciValue(code)
    i = stop + 2
    return offset
  }
  for (let n = 0; n < count && ids <= MAX_RANGE_IDS; n++) {
    const isRange = bits.charAt(i) === '1'
    i += 1
    const start = next()
    if (start === undefined) break
    if (isRange) {
      const end = next()
      if (end === undefined) break
      ids += end - start + 1
    } else {
      ids += 1
    }
  }
  return ids
}

/** TCF vendor vector: 16-bit max id, 1-bit encoding (1 = ranges), TCF v1's default bit, 12-bit count. */
function countVendorVectorIds(bits: string, version: number | undefined): number {
  if (bits.charAt(ID_BITS) !== '1') return 0 // a bit field: bounded by its 16-bit max id
  const at = ID_BITS + 1 + (version === 1 ? 1 : 0)
  return countEntries(bits, at + 12, uint(bits, at, 12)).ids
}

/** TCF publisher restrictions: a 12-bit count of (6-bit purpose, 2-bit type, range list). */
function countPurposeRestrictionIds(bits: string): number {
  const count = uint(bits, 0, 12)
  let i = 12
  let ids = 0
  for (let n = 0; n < count && i < bits.length && ids <= MAX_RANGE_IDS; n++) {
    const list = countFixedRangeIds(bits, i + 8)
    ids += list.ids
    i = list.end
  }
  return ids
}
