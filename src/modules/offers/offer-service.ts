import type { Clock } from '../../kernel/clock.js'
import { CandorError } from '../../kernel/errors.js'
import type { BrandService } from '../brands/index.js'
import type { TopicTaxonomy } from '../interests/index.js'
import { isActive, type Offer, type OfferPurpose } from './offer.js'
import type { OfferStore } from './offer-store.js'

export interface OfferInput {
  readonly id: string
  readonly brand: string
  readonly title: string
  readonly placements: readonly string[]
  readonly topics: Readonly<Record<string, number>>
  readonly beneficial?: boolean | undefined
  readonly priority?: number | undefined
  readonly purpose?: OfferPurpose | undefined
  readonly segment?: string | undefined
  readonly startsAt?: number | undefined
  readonly endsAt?: number | undefined
  readonly frequencyCap?: { readonly count: number; readonly perDays: number } | undefined
}

const CACHE_MS = 1000

/** Offers and content: validated on write, cached per brand for decisions (revalidated every second). */
export class OfferService {
  private readonly cache = new Map<string, { at: number; version: string; offers: Offer[] }>()

  constructor(
    private readonly store: OfferStore,
    private readonly brands: BrandService,
    private readonly topics: TopicTaxonomy,
    private readonly clock: Clock,
  ) {}

  /** Creates or replaces an offer. Throws naming the field: unknown topic, brand, bad schedule. */
  async put(input: OfferInput, mode: 'create' | 'replace' | 'upsert'): Promise<Offer> {
    const offer = await this.prepare(input, mode)
    await this.store.put(offer)
    this.cache.delete(offer.brand)
    return offer
  }

  /**
   * Puts several offers, each checked (brand, topics, schedule, exists) before any is written, so
   * a mistake in the last one leaves the store as it was. Throws naming the offer and the field.
   */
  async putAll(inputs: readonly OfferInput[], mode: 'create' | 'replace' | 'upsert'): Promise<Offer[]> {
    const seen = new Set<string>()
    const offers: Offer[] = []
    for (const [i, input] of inputs.entries()) {
      if (seen.has(input.id))
        throw new CandorError('invalid-request', `offer ${input.id} is given twice`, `offers[${i}].id`)
      seen.add(input.id)
      try {
        offers.push(await this.prepare(input, mode))
      } catch (error) {
        if (error instanceof CandorError)
          throw new CandorError(
            error.code,
            `offer ${input.id}: ${error.message}`,
            `offers[${i}]${error.field ? `.${error.field}` : ''}`,
          )
        throw error
      }
    }
    for (const offer of offers) {
      await this.store.put(offer)
      this.cache.delete(offer.brand)
    }
    return offers
  }

  private async prepare(input: OfferInput, mode: 'create' | 'replace' | 'upsert'): Promise<Offer> {
    await this.brands.require(input.brand)
    for (const [topic, weight] of Object.entries(input.topics)) {
      if (!this.topics.has(topic))
        throw new CandorError('unknown-topic', `unknown topic ${topic}`, `topics.${topic}`)
      if (!(weight > 0 && weight <= 1))
        throw new CandorError('invalid-request', 'topic weights are in (0, 1]', `topics.${topic}`)
    }
    if (input.startsAt !== undefined && input.endsAt !== undefined && input.endsAt <= input.startsAt) {
      throw new CandorError('invalid-request', 'endsAt must be after startsAt', 'endsAt')
    }
    const existing = await this.store.get(input.id)
    if (mode === 'create' && existing) throw new CandorError('offer-exists', `offer ${input.id} exists`, 'id')
    if (mode === 'replace' && !existing)
      throw new CandorError('offer-not-found', `no offer ${input.id}`, 'id')
    if (existing && existing.brand !== input.brand)
      throw new CandorError('brand-mismatch', 'an offer cannot move to another brand', 'brand')
    const now = this.clock.now()
    return {
      id: input.id,
      brand: input.brand,
      title: input.title,
      placements: [...new Set(input.placements)],
      topics: { ...input.topics },
      beneficial: input.beneficial ?? false,
      priority: input.priority ?? 0,
      purpose: input.purpose ?? 'personalization',
      segment: input.segment ?? null,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
      frequencyCap: input.frequencyCap ?? null,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    }
  }

  async get(id: string): Promise<Offer> {
    const offer = await this.store.get(id)
    if (!offer) throw new CandorError('offer-not-found', `no offer ${id}`, 'id')
    return offer
  }

  list(brandId: string | undefined, limit: number, cursor?: string): Promise<Offer[]> {
    return this.store.list(brandId, limit, cursor)
  }

  async delete(id: string): Promise<void> {
    const offer = await this.get(id)
    await this.store.delete(id, this.clock.now())
    this.cache.delete(offer.brand)
  }

  /**
   * Offers of the brand running now in the placement (optionally among `candidates`). Served from
   * a per-brand cache checked against the store's version every second, so an edit through another
   * process shows within a second.
   */
  async candidates(brandId: string, placement: string, candidates?: readonly string[]): Promise<Offer[]> {
    const now = this.clock.now()
    const offers = await this.current(brandId, now)
    const wanted = candidates ? new Set(candidates) : undefined
    return offers.filter(
      (o) => o.placements.includes(placement) && isActive(o, now) && (!wanted || wanted.has(o.id)),
    )
  }

  /** The placements the brand's offers use (running or not), sorted: what a decide may ask for. */
  async placements(brandId: string): Promise<string[]> {
    const offers = await this.current(brandId, this.clock.now())
    return [...new Set(offers.flatMap((o) => o.placements))].sort()
  }

  private async current(brandId: string, now: number): Promise<readonly Offer[]> {
    let entry = this.cache.get(brandId)
    if (!entry || now - entry.at > CACHE_MS) {
      const version = await this.store.version(brandId)
      if (!entry || entry.version !== version)
        entry = { at: now, version, offers: await this.store.forBrand(brandId) }
      else entry = { ...entry, at: now }
      this.cache.set(brandId, entry)
    }
    return entry.offers
  }
}
