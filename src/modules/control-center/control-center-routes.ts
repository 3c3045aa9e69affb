import cookie from '@fastify/cookie'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { brandOf } from '../../http/auth.js'
import type { EdgeGuard } from '../../http/edge-guard.js'
import { errorResponses } from '../../http/error-schemas.js'
import {
  checkOrigin,
  clearSessionCookie,
  ownOrigin,
  requireSession,
  SESSION_COOKIE,
  sessionOf,
  setSessionCookie,
} from '../../http/session-auth.js'
import { parsePersonRef } from '../../kernel/person-ref.js'
import type { BrandService } from '../brands/index.js'
import { personRefParams } from '../data-items/data-item-schemas.js'
import type { PolicyService } from '../policy/index.js'
import type { ControlAccessService } from './control-access-service.js'
import { controlLinkResponse, openSessionRequest, sessionResponse } from './control-center-schemas.js'
import type { ControlSession } from './index.js'

const iso = (t: number): string => new Date(t).toISOString()

/** `POST /v1/persons/{ref}/control-link`, in the server-key context. */
export const controlLinkRoutes =
  (deps: {
    controlAccess: ControlAccessService
    policy: Pick<PolicyService, 'resolve'>
    config: { publicUrl: string }
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/persons/:ref/control-link',
      {
        schema: {
          operationId: 'createControlLink',
          summary: "A link to the person's control center",
          description:
            "A signed, single-person link to `/me` for the brand's backend to give the person (by email, or behind its own login). It shows this brand's data; the company's other brands only after the person proves control of their verified email. It expires after `controlLinkTtlMinutes` (default 15) and opens one session only.",
          tags: ['control-center'],
          params: personRefParams,
          response: { 200: controlLinkResponse, ...errorResponses(400, 401, 403, 404, 429, 503) },
        },
      },
      async (request) => {
        const brandId = brandOf(request)
        const personId = await deps.policy.resolve(brandId, parsePersonRef(request.params.ref))
        const link = await deps.controlAccess.issueLink(personId, brandId)
        const base = ownOrigin(request, deps.config.publicUrl) ?? ''
        const url = `${base}/me?token=${encodeURIComponent(link.token)}`
        return { url, expiresAt: iso(link.expiresAt) }
      },
    )
  }

/** The person's own API: `/v1/me/...`, authenticated by the session cookie. */
export const meRoutes =
  (deps: {
    controlAccess: ControlAccessService
    brands: Pick<BrandService, 'require' | 'list'>
    persons: { pseudonym(personId: string, brandId: string): Promise<string> }
    guard: EdgeGuard
    config: { publicUrl: string }
    /** The person's own data routes, registered in the session context. */
    data: FastifyPluginAsyncZod
  }): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(cookie)
    const describe = async (session: ControlSession) => {
      const brand = await deps.brands.require(session.brandId)
      return {
        brand: { id: brand.id, name: brand.name },
        person: await deps.persons.pseudonym(session.personId, session.brandId),
        csrfToken: session.csrfToken,
        otherBrands: (await deps.brands.list(500))
          .filter((b) => b.id !== session.brandId)
          .map((b) => ({ id: b.id, name: b.name })),
        expiresAt: iso(session.expiresAt),
        steppedUp: session.steppedUpAt !== undefined,
      }
    }

    // Opening a link: no session yet, so only the origin check guards it (a page elsewhere
    // cannot log the person into someone else's control center).
    await app.register(async (plain) => {
      const ctx = plain.withTypeProvider<ZodTypeProvider>()
      ctx.addHook('onRequest', async (request: FastifyRequest) => {
        deps.guard.beforeAuth(request)
        checkOrigin(request, deps.config.publicUrl)
      })
      ctx.post(
        '/me/session',
        {
          schema: {
            operationId: 'openControlSession',
            summary: 'Open a control-center session with a link',
            description:
              "Exchanges a control link's token (once) for a session: an httpOnly, SameSite=Strict cookie (Secure over HTTPS) and the CSRF token for state-changing calls. The page does this itself when opened with `?token=`, so a link scanner that only fetches the URL never spends it. Needs the page's own `Origin`.",
            tags: ['control-center'],
            security: [],
            body: openSessionRequest,
            response: { 200: sessionResponse, ...errorResponses(400, 401, 403, 429, 503) },
          },
        },
        async (request, reply) => {
          try {
            const opened = await deps.controlAccess.exchange(request.body.token)
            setSessionCookie(request, reply, opened.secret, opened.session.expiresAt)
            return await describe(opened.session)
          } catch (error) {
            deps.guard.authFailed(request)
            throw error
          }
        },
      )
    })

    await app.register(async (plain) => {
      const ctx = plain.withTypeProvider<ZodTypeProvider>()
      requireSession(ctx, deps.controlAccess, deps.guard, deps.config.publicUrl)
      await ctx.register(deps.data)
      ctx.get(
        '/me/session',
        {
          schema: {
            operationId: 'getControlSession',
            summary: 'The control-center session of the cookie',
            description:
              'Which brand opened the session, when it ends, and the CSRF token the page sends on every change.',
            tags: ['control-center'],
            security: [],
            response: { 200: sessionResponse, ...errorResponses(401, 429, 503) },
          },
        },
        async (request) => describe(sessionOf(request)),
      )
      ctx.delete(
        '/me/session',
        {
          schema: {
            operationId: 'closeControlSession',
            summary: 'Log out of the control center',
            description:
              'Ends the session on the server and clears the cookie; the cookie no longer opens anything, even if kept.',
            tags: ['control-center'],
            security: [],
            response: { 204: z.null().describe('Logged out'), ...errorResponses(401, 403, 429, 503) },
          },
        },
        async (request, reply) => {
          const secret = request.cookies[SESSION_COOKIE]
          if (secret) await deps.controlAccess.end(secret)
          clearSessionCookie(request, reply)
          return reply.code(204).send(null)
        },
      )
    })
  }
