import { describe, expect, it } from 'vitest'
import { checkNesting, MAX_NESTING_DEPTH } from './check-nesting-step.js'
import { drop, ok } from './results.js'

function nested(depth: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value }
  return value
}

describe('checkNesting', () => {
  it('passes scalars and shallow values unchanged', () => {
    expect(checkNesting('x')).toEqual(ok('x'))
    expect(checkNesting(null)).toEqual(ok(null))
    const message = { type: 'track', context: { page: { url: 'u' } }, properties: { products: [{ id: 1 }] } }
    expect(checkNesting(message)).toEqual(ok(message))
  })

  it('accepts exactly the limit and refuses one level more', () => {
    expect(checkNesting(nested(MAX_NESTING_DEPTH)).type).toBe('ok')
    expect(checkNesting(nested(MAX_NESTING_DEPTH + 1))).toEqual(drop('nesting-too-deep'))
    expect(checkNesting([[[1]]], 2)).toEqual(drop('nesting-too-deep'))
  })

  it('does not overflow the stack on values JSON.stringify cannot handle', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)
    expect(() => JSON.stringify(deep)).toThrow()
    expect(checkNesting(deep)).toEqual(drop('nesting-too-deep'))
  })
})
