/** A brand of the organization: an isolation boundary for keys, data and consent. */
export interface Brand {
  readonly id: string
  readonly name: string
  /** Origins allowed to send browser tracking calls (CORS). */
  readonly allowedOrigins: readonly string[]
  readonly createdAt: number
}

export const BRAND_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/
