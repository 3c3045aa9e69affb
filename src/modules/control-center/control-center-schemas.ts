import { z } from 'zod'

export const controlLinkResponse = z
  .object({
    url: z
      .string()
      .describe('The link to give the person: `/me?token=…` at `publicUrl`; it opens one session only'),
    expiresAt: z.string().describe('ISO time after which the link can no longer be opened'),
  })
  .describe('A signed, single-use control-center link for one person at this brand')

export const openSessionRequest = z
  .object({
    token: z.string().min(1).max(4096).describe('The `token` query parameter of the control link'),
  })
  .strict()
  .describe('The token of a control link, exchanged once for a session')

export const sessionResponse = z
  .object({
    brand: z
      .object({
        id: z.string().describe('Brand id'),
        name: z.string().describe('Brand name, for the page'),
      })
      .describe('The brand whose link opened the session; the page shows its data'),
    person: z.string().describe('The pseudonym this brand knows the person by'),
    csrfToken: z
      .string()
      .describe('Send it as the `X-CSRF-Token` header on every state-changing control-center call'),
    expiresAt: z.string().describe('ISO time the session ends'),
    otherBrands: z
      .array(z.object({ id: z.string().describe('Brand id'), name: z.string().describe('Brand name') }))
      .describe(
        'Every other brand of the company, by name only (whether they hold data about the person is shown only after the step-up, so the issuing brand learns nothing through the page)',
      ),
    steppedUp: z
      .boolean()
      .describe("Whether the person proved control of their verified email (their other brands' data shows)"),
  })
  .describe('The control-center session of the cookie')
