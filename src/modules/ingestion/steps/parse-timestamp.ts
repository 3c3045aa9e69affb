const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/**
 * Parses an ISO-8601 date or date-time into epoch milliseconds, or `undefined` when the string is
 * not one. Deterministic and independent of the host's time zone:
 *
 * - `2024-05-01T10:00:00.123Z`, `2024-05-01T12:00:00+02:00`, `+0200`, `+02` offsets;
 * - a date-time without an offset (`2024-05-01T10:00:00`, as Python's `isoformat()` writes) is
 *   read as UTC, never as the server's local time;
 * - a date alone (`2024-05-01`) is midnight UTC;
 * - fractions beyond milliseconds are truncated; out-of-range parts (month 13, Feb 30) are refused.
 *
 * @example
 * ```ts
 * parseIsoTimestamp('1970-01-01T00:00:01Z') // 1000
 * parseIsoTimestamp('yesterday')            // undefined
 * ```
 */
export function parseIsoTimestamp(input: string): number | undefined {
  const m = ISO_8601.exec(input.trim())
  if (m === null) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  const hour = m[4] === undefined ? 0 : Number(m[4])
  const minute = m[5] === undefined ? 0 : Number(m[5])
  const second = m[6] === undefined ? 0 : Number(m[6])
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'))
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined

  let offsetMs = 0
  const zone = m[8]
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offHours = Number(digits.slice(0, 2))
    const offMinutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
    if (offHours > 23 || offMinutes > 59) return undefined
    offsetMs = sign * (offHours * 60 + offMinutes) * 60_000
  }

  if (day > daysInMonth(year, month)) return undefined
  const time =
    daysFromCivil(year, month, day) * 86_400_000 +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millis -
    offsetMs
  return Number.isFinite(time) ? time : undefined
}
