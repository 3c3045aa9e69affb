import type { Interest } from './interest.js'

export interface InterestStore {
  /** The person's interests at the brand in these topics (all topics when undefined). */
  forPersonBrand(personId: string, brandId: string, topics?: readonly string[]): Promise<Interest[]>
  /**
   * The interests at the brand in exactly these (person, topic) pairs, in no particular order;
   * pairs without a row are absent. One query per 500 pairs (ingestion reads only the rows a
   * request's signals touch, not every interest of everyone in it).
   */
  forPairsAtBrand(brandId: string, pairs: readonly { personId: string; topic: string }[]): Promise<Interest[]>
  /** Topics the person said "not interested" in at the brand (no interest evidence is read). */
  rejectedTopics(personId: string, brandId: string): Promise<string[]>
  /** Every interest of the person at every brand. Only the policy engine reads this for a use. */
  forPerson(personId: string): Promise<Interest[]>
  upsert(interests: readonly Interest[]): Promise<void>
  /** Deletes the person's inferred interests at the brand (stated and rejected ones stay). */
  deleteInferred(personId: string, brandId: string): Promise<number>
  /** (person, topic) of inferred interests at the brand with signals since `since`: for aggregate counts only. */
  activity(brandId: string, since: number): Promise<{ personId: string; topic: string }[]>
  reassignPerson(from: string, to: string): Promise<void>
  purge(personId: string, brandIds: readonly string[] | undefined): Promise<number>
}
