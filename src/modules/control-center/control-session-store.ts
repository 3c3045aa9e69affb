/** A control-center session as stored: the cookie's secret only as its hash. */
export interface ControlSession {
  readonly secretHash: string
  readonly personId: string
  /** The brand whose link opened the session: the page shows this brand's data. */
  readonly brandId: string
  readonly csrfToken: string
  readonly createdAt: number
  readonly expiresAt: number
  /** When the person proved control of their verified email; undefined before. */
  readonly steppedUpAt: number | undefined
}

/** Sessions and used control links, in the data database so every process sees them. */
export interface ControlSessionStore {
  /**
   * Records that the link `tokenId` was exchanged. False when it already was (a replay): the
   * insert and the check are one statement, so two processes never both accept one link.
   */
  spendLink(tokenId: string, usedAt: number, expiresAt: number): Promise<boolean>
  create(session: ControlSession): Promise<void>
  /** The session with this secret hash, or undefined (expired ones included; the caller checks). */
  find(secretHash: string): Promise<ControlSession | undefined>
  /** Ends one session; false when there was none. */
  delete(secretHash: string): Promise<boolean>
  /** Ends the person's sessions opened at these brands (every brand when undefined); returns how many. */
  purge(personId: string, brandIds: readonly string[] | undefined): Promise<number>
  /** Moves the sessions of a merged person to the survivor. */
  reassignPerson(from: string, to: string): Promise<void>
  /** Removes expired sessions and link records; returns how many rows went. */
  expire(now: number): Promise<number>
}
