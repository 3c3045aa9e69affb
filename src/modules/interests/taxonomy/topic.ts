/**
 * One interest topic as the taxonomy serves it. `sensitive` is the *effective* flag: true when the
 * topic or any of its ancestors is declared sensitive.
 */
export interface Topic {
  /** Stable dotted lower-case slug, e.g. `outdoors.hiking`. Never reused for another meaning. */
  readonly id: string
  /** Human label shown to marketers and to the person, e.g. `Hiking`. */
  readonly label: string
  /** Id of the parent topic, or `null` for a top-level topic. */
  readonly parent: string | null
  /** True when signals for this topic must not be inferred or targeted without the person's opt-in. */
  readonly sensitive: boolean
}
