import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectGift, isGiftWrap, isTruthyFlag } from './detect-gift-step.js'

const order = (
  properties: Record<string, unknown>,
  traits: Record<string, unknown> = {},
  context: Record<string, unknown> = {},
) => ({
  properties,
  traits,
  context,
})

describe('detectGift', () => {
  it.each([[{ gift: true }], [{ is_gift: 'true' }], [{ isGift: 1 }], [{ gift: 'Yes' }]])(
    'fires gift-flag for %j',
    (properties) => {
      expect(detectGift(order(properties))).toEqual({ isGift: true, rules: ['gift-flag'], lines: [] })
    },
  )

  it.each([[{ gift: false }], [{ gift: 'false' }], [{ gift: 0 }], [{ gift: 'no' }], [{ gift: null }], [{}]])(
    'fires nothing for %j',
    (properties) => {
      expect(detectGift(order(properties))).toEqual({ isGift: false, rules: [], lines: [] })
    },
  )

  it.each([[{ gift_wrap: true }], [{ giftWrap: 'red paper' }], [{ gift_wrapping: { message: 'hi' } }]])(
    'fires gift-wrap for %j',
    (properties) => {
      expect(detectGift(order(properties))).toEqual({ isGift: true, rules: ['gift-wrap'], lines: [] })
    },
  )

  it('fires other-recipient when the recipient differs from the buyer', () => {
    const buyer = { email: 'Ann@Example.com', name: 'Ann Lee' }
    expect(detectGift(order({ recipient_email: 'bob@example.com' }, buyer)).rules).toEqual([
      'other-recipient',
    ])
    expect(detectGift(order({ recipient: { name: 'Bob Lee' } }, buyer)).rules).toEqual(['other-recipient'])
    expect(detectGift(order({ shipping_recipient: 'bob@example.com' }, {}, { traits: buyer })).rules).toEqual(
      ['other-recipient'],
    )
    expect(detectGift(order({ recipient: 'Bob' }, { firstName: 'Ann', lastName: 'Lee' })).rules).toEqual([
      'other-recipient',
    ])
  })

  it('fires other-recipient for an order shipped to another name, and gift-message for a gift message', () => {
    const buyer = { firstName: 'Ann', lastName: 'Lee' }
    expect(detectGift(order({ shipping_address: { name: 'Bob Lee', city: 'Oslo' } }, buyer))).toEqual({
      isGift: true,
      rules: ['other-recipient'],
      lines: [],
    })
    expect(detectGift(order({ shipping: { first_name: 'Bob', last_name: 'Lee' } }, buyer)).isGift).toBe(true)
    // No traits: the billing address names the buyer.
    expect(
      detectGift(
        order({
          billing_address: { name: 'Ann Lee' },
          shippingAddress: { firstName: 'Bob', lastName: 'Lee' },
        }),
      ).rules,
    ).toEqual(['other-recipient'])
    expect(
      detectGift(order({ billing_address: { name: 'Ann Lee' }, shipping_address: { name: 'ann lee' } }))
        .isGift,
    ).toBe(false)
    expect(detectGift(order({ shipping_address: { name: 'Bob Lee' } })).isGift).toBe(false)
    expect(detectGift(order({ gift_message: 'Congratulations!' })).rules).toEqual(['gift-message'])
    expect(detectGift(order({ giftNote: '   ' })).isGift).toBe(false)
  })

  it('does not fire other-recipient for the buyer themself or when the buyer is unknown', () => {
    const buyer = { email: 'ann@example.com', name: 'Ann Lee' }
    expect(detectGift(order({ recipient_email: ' ANN@example.com ' }, buyer)).isGift).toBe(false)
    expect(detectGift(order({ recipient: 'ann  lee' }, buyer)).isGift).toBe(false)
    expect(detectGift(order({ recipient_email: 'bob@example.com' })).isGift).toBe(false)
    expect(detectGift(order({ recipient_email: 'bob@example.com' }, { name: 'Ann' })).isGift).toBe(false)
  })

  it('marks product lines, and the order when every line is a gift', () => {
    const mixed = detectGift(
      order({
        products: [
          { product_id: 'a', gift: true },
          { product_id: 'b' },
          { product_id: 'c', gift_wrap: 'yes' },
        ],
      }),
    )
    expect(mixed).toEqual({
      isGift: false,
      rules: [],
      lines: [
        { index: 0, rules: ['gift-flag'] },
        { index: 2, rules: ['gift-wrap'] },
      ],
    })
    const all = detectGift(order({ products: [{ gift: true }, 'junk', { is_gift: 'y' }] }))
    expect(all.isGift).toBe(true)
    expect(all.rules).toEqual([])
  })

  it('reports several rules in a stable order', () => {
    expect(
      detectGift(order({ gift: true, gift_wrap: true, recipient_email: 'b@x' }, { email: 'a@x' })).rules,
    ).toEqual(['gift-flag', 'gift-wrap', 'other-recipient'])
  })

  it('property: names rules only, never the values', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), fc.string({ minLength: 4 }), (recipient, wrap) => {
        const marker = `VALUE:${recipient}`
        const result = detectGift(
          order({ recipient: marker, gift_wrap: `VALUE:${wrap}`, gift: marker }, { name: 'x' }),
        )
        const text = JSON.stringify(result)
        expect(text).not.toContain('VALUE:')
      }),
    )
  })
})

describe('flags', () => {
  it('reads yes/no flags strictly', () => {
    expect([true, 1, 'true', 'YES', ' y ', '1'].map(isTruthyFlag)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ])
    expect([false, 0, 'false', 'no', '', null, undefined, {}, [], Number.NaN].map(isTruthyFlag)).toEqual(
      Array(10).fill(false),
    )
  })

  it('reads gift wrap generously but not from negatives', () => {
    expect(['red paper', true, { a: 1 }, ['x']].map(isGiftWrap)).toEqual([true, true, true, true])
    expect(['none', 'false', 'No', '', 0, {}, [], null].map(isGiftWrap)).toEqual(Array(8).fill(false))
  })
})
