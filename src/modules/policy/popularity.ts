import type { PolicyEngine } from './policy-engine.js'
import type { PopularityCounts } from './views.js'

/** Popularity counts are recomputed when older than this (a 30-day aggregate moves slowly). */
const POPULARITY_TTL_MS = 60_000

/**
 * Read model: distinct people engaging with each topic (or a narrower one) at the brand over a
 * window, in aggregate from the interest model (people who allow personalization there). Only
 * counts leave it. Kept a minute per brand; after that the kept counts still answer while one
 * refresh runs (on the writer thread when there is one), so no request waits for the scan of the
 * brand's interests, which grows with the number of people.
 */
export class Popularity {
  /** Counts kept per brand, and the one refresh per brand in flight. */
  private readonly kept = new Map<string, { at: number; counts: ReadonlyMap<string, number> }>()
  private readonly refreshing = new Map<string, Promise<ReadonlyMap<string, number>>>()
  private source?: (brandId: string, since: number) => Promise<PopularityCounts>

  /** `scan`: how the counts are computed in this process (defaults to {@link compute}). */
  constructor(
    private readonly engine: PolicyEngine,
    private readonly scan: (brandId: string, since: number) => Promise<PopularityCounts> = (b, s) =>
      this.compute(b, s),
  ) {}

  async of(brandId: string, windowDays: number): Promise<ReadonlyMap<string, number>> {
    const now = this.engine.clock.now()
    const cached = this.kept.get(brandId)
    if (cached && now - cached.at < POPULARITY_TTL_MS) return cached.counts
    let refresh = this.refreshing.get(brandId)
    if (!refresh) {
      refresh = this.refresh(brandId, now - windowDays * 86_400_000)
      this.refreshing.set(brandId, refresh)
      // A failed refresh keeps the old counts; the next request tries again.
      const done = () => this.refreshing.delete(brandId)
      refresh.then(done, done)
    }
    // Kept counts answer at once; with none yet, the callers wait for the one scan.
    return cached ? cached.counts : refresh
  }

  private async refresh(brandId: string, since: number): Promise<ReadonlyMap<string, number>> {
    const at = this.engine.clock.now()
    const counts = new Map(await (this.source ?? this.scan)(brandId, since))
    this.kept.set(brandId, { at, counts })
    return counts
  }

  /** The counts from the store: one scan of the brand's inferred interests. */
  async compute(brandId: string, since: number): Promise<PopularityCounts> {
    const rows = await this.engine.reads.interests.activity(brandId, since)
    const people = new Map<string, Set<string>>()
    for (const r of rows) {
      const parts = r.topic.split('.')
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('.')
        let set = people.get(prefix)
        if (!set) {
          set = new Set()
          people.set(prefix, set)
        }
        set.add(r.personId)
      }
    }
    return [...people].map(([topic, set]) => [topic, set.size])
  }

  /** Computes the counts somewhere else from now on (the writer thread), off the request thread. */
  delegateTo(source: (brandId: string, since: number) => Promise<PopularityCounts>): void {
    this.source = source
  }
}
