import { describe, expect, it } from 'vitest'
import { endpointForPath, parseBody } from './parse-body-step.js'
import { drop, ok } from './results.js'

describe('parseBody', () => {
  it('parses application/json and text/plain bodies, strings or bytes', () => {
    expect(parseBody({ body: '{"a":1}', contentType: 'application/json' })).toEqual(ok({ json: { a: 1 } }))
    expect(parseBody({ body: Buffer.from('{"a":1}'), contentType: 'text/plain;charset=UTF-8' })).toEqual(
      ok({ json: { a: 1 } }),
    )
    expect(parseBody({ body: new TextEncoder().encode('[1]') })).toEqual(ok({ json: [1] }))
    expect(parseBody({ body: '\uFEFF{"a":1}', contentType: 'Application/JSON' })).toEqual(
      ok({ json: { a: 1 } }),
    )
    expect(parseBody({ body: Buffer.from('\uFEFF{"a":"é"}') })).toEqual(ok({ json: { a: 'é' } }))
  })

  it('reads the write key from the body (analytics.js short paths)', () => {
    expect(parseBody({ body: '{"type":"track","writeKey":"wk_1"}', contentType: 'text/plain' })).toEqual(
      ok({ json: { type: 'track', writeKey: 'wk_1' }, writeKey: 'wk_1' }),
    )
    expect(parseBody({ body: '{"writeKey":""}' })).toEqual(ok({ json: { writeKey: '' } }))
    expect(parseBody({ body: '{"writeKey":5}' })).toEqual(ok({ json: { writeKey: 5 } }))
  })

  it('refuses invalid JSON and invalid UTF-8 with invalid-json', () => {
    expect(parseBody({ body: '{"a":' })).toEqual(drop('invalid-json'))
    expect(parseBody({ body: '' })).toEqual(drop('invalid-json'))
    expect(parseBody({ body: new Uint8Array([0x7b, 0xff, 0x7d]) })).toEqual(drop('invalid-json'))
  })

  it('refuses other content types', () => {
    expect(parseBody({ body: '{"a":1}', contentType: 'application/xml' })).toEqual(
      drop('unsupported-content-type', 'content-type'),
    )
  })

  it('reads JSON labelled application/x-www-form-urlencoded (RudderStack Node SDK), but a real form body is invalid-json', () => {
    expect(parseBody({ body: '{"a":1}', contentType: 'application/x-www-form-urlencoded' })).toEqual(
      ok({ json: { a: 1 } }),
    )
    expect(parseBody({ body: 'a=1', contentType: 'application/x-www-form-urlencoded' })).toEqual(
      drop('invalid-json'),
    )
  })
})

describe('endpointForPath', () => {
  it.each([
    ['/v1/track', 'track'],
    ['/v1/identify', 'identify'],
    ['/v1/page', 'page'],
    ['/v1/screen', 'screen'],
    ['/v1/group', 'group'],
    ['/v1/alias', 'alias'],
    ['/v1/batch', 'batch'],
    ['/v1/import', 'batch'],
    ['/v1/t', 'track'],
    ['/v1/i', 'identify'],
    ['/v1/p', 'page'],
    ['/v1/s', 'screen'],
    ['/v1/g', 'group'],
    ['/v1/a', 'alias'],
    ['/v1/b', 'batch'],
    ['/v1/b/', 'batch'],
    ['/v1/t?retry=1', 'track'],
  ])('%s → %s', (path, endpoint) => {
    expect(endpointForPath(path)).toBe(endpoint)
  })

  it.each(['/v1/x', '/v1/persons', '/', '', '/v1/constructor', '/v1/__proto__'])('%j → undefined', (path) => {
    expect(endpointForPath(path)).toBeUndefined()
  })
})
