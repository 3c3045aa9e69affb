import { describe, expect, it } from 'vitest'
import { classifyEvent, normalizeEventName } from './classify-event-step.js'
import type { SegmentMessageType } from './segment-message.js'

const track = (event: string, properties: Record<string, unknown> = {}) =>
  ({ type: 'track', event, properties }) as const
const view = (type: SegmentMessageType, properties: Record<string, unknown> = {}, category?: string) => ({
  type,
  properties,
  ...(category === undefined ? {} : { category }),
})

describe('classifyEvent', () => {
  it('reads the e-commerce v2 event names', () => {
    expect(classifyEvent(track('Products Searched', { query: 'boots' })).kind).toBe('search')
    expect(classifyEvent(track('Product Viewed')).kind).toBe('view')
    expect(classifyEvent(track('Product List Viewed')).kind).toBe('view')
    expect(classifyEvent(track('Product Clicked')).kind).toBe('view')
    expect(classifyEvent(track('Product Added')).kind).toBe('add_to_cart')
    expect(classifyEvent(track('Order Completed')).kind).toBe('purchase')
  })

  it('treats a wishlist addition as a view and a checkout start as add_to_cart', () => {
    expect(classifyEvent(track('Product Added to Wishlist', { category: 'Baby' })).kind).toBe('view')
    expect(classifyEvent(track('Checkout Started', { products: [{ category: 'Baby' }] })).kind).toBe(
      'add_to_cart',
    )
  })

  it('does not count refunds, cancellations or unknown events', () => {
    expect(classifyEvent(track('Order Refunded', { products: [{ category: 'Baby' }] }))).toEqual({
      kind: 'none',
      categories: [],
      productIds: [],
      lines: [],
    })
    expect(classifyEvent(track('Order Cancelled')).kind).toBe('none')
    expect(classifyEvent(track('Signed Up')).kind).toBe('none')
  })

  it('matches event names in any casing or separator style', () => {
    expect(normalizeEventName('orderCompleted')).toBe('order completed')
    expect(normalizeEventName(' Product_Viewed ')).toBe('product viewed')
    expect(classifyEvent(track('order_completed')).kind).toBe('purchase')
    expect(classifyEvent(track('PRODUCT ADDED')).kind).toBe('add_to_cart')
  })

  it('is not fooled by names of Object.prototype members', () => {
    expect(classifyEvent(track('constructor')).kind).toBe('none')
    expect(classifyEvent(track('__proto__')).kind).toBe('none')
    expect(classifyEvent(track('toString')).kind).toBe('none')
  })

  it('treats an unlisted track or a page with a search query as a search', () => {
    expect(classifyEvent(track('Site Search', { query: 'tents' })).kind).toBe('search')
    expect(classifyEvent(view('page', { query: 'tents' })).kind).toBe('search')
    expect(classifyEvent(track('Site Search', { query: '  ' })).kind).toBe('none')
  })

  it('treats a page or screen with a product category or products as a view', () => {
    expect(classifyEvent(view('page', { category: 'Outdoors > Hiking' }))).toEqual({
      kind: 'view',
      categories: ['Outdoors > Hiking'],
      productIds: [],
      lines: [{ category: 'Outdoors > Hiking' }],
    })
    expect(classifyEvent(view('screen', {}, 'Outdoors')).categories).toEqual(['Outdoors'])
    expect(classifyEvent(view('page', { product_id: 'p1' })).kind).toBe('view')
    expect(classifyEvent(view('page', { title: 'Home' })).kind).toBe('none')
  })

  it('never classifies identify, group or alias', () => {
    expect(classifyEvent({ type: 'identify', properties: { category: 'x' } }).kind).toBe('none')
    expect(classifyEvent({ type: 'group', properties: {} }).kind).toBe('none')
    expect(classifyEvent({ type: 'alias', properties: {} }).kind).toBe('none')
  })

  it('collects categories and product ids from the properties and every product line', () => {
    const result = classifyEvent(
      track('Order Completed', {
        order_id: 'o1',
        products: [
          { product_id: 'p1', category: 'Outdoors > Hiking > Boots' },
          { productId: 2, category: ' Outdoors > Camping ' },
          { id: 'p3', category: 'Outdoors > Hiking > Boots' },
          { sku: 'SKU-4' },
          'junk',
          { name: 'no id, no category' },
          { product_id: 'p5', category: 42 },
        ],
      }),
    )
    expect(result).toEqual({
      kind: 'purchase',
      categories: ['Outdoors > Hiking > Boots', 'Outdoors > Camping'],
      productIds: ['p1', '2', 'p3', 'SKU-4', 'p5'],
      lines: [
        { index: 0, productId: 'p1', category: 'Outdoors > Hiking > Boots' },
        { index: 1, productId: '2', category: 'Outdoors > Camping' },
        { index: 2, productId: 'p3', category: 'Outdoors > Hiking > Boots' },
        { index: 3, productId: 'SKU-4' },
        { index: 6, productId: 'p5' },
      ],
    })
  })

  it('reads the single product of a Product Viewed from the properties', () => {
    expect(
      classifyEvent(track('Product Viewed', { product_id: 'p1', category: 'Outdoors > Hiking' })),
    ).toEqual({
      kind: 'view',
      categories: ['Outdoors > Hiking'],
      productIds: ['p1'],
      lines: [{ productId: 'p1', category: 'Outdoors > Hiking' }],
    })
  })
})
