import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '@kefu/core/roles';
import { AppError, forbidden } from '../errors.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { findSession, findToken, markTokenUsed, touchSession } from './auth.repository.js';
import type { Principal, RouteAccess, UserPrincipal } from './principal.js';
import { safeEqual, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'kefu_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOUCH_EVERY_MS = 5 * 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const unauthenticated = () => new AppError('unauthenticated', 401, 'Sign in or send a valid API token');

async function resolvePrincipal(req: FastifyRequest, database: Database, clock: Clock): Promise<Principal | null> {
  const now = clock.now();
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S{10,200})$/i.exec(header);
    if (!m?.[1]) throw unauthenticated();
    const token = await findToken(database.db, sha256(m[1]), now);
    if (!token) throw unauthenticated();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      void markTokenUsed(database.db, token.tokenId, now).catch(() => {});
    }
    if (token.customerId) {
      return { kind: 'customer', workspaceId: token.workspaceId, customerId: token.customerId, via: 'token', tokenId: token.tokenId };
    }
    if (!token.userId || !token.role) throw unauthenticated();
    return {
      kind: 'user',
      workspaceId: token.workspaceId,
      userId: token.userId,
      role: token.role,
      via: 'token',
      scopes: token.scopes,
      sessionId: null,
      csrfToken: null,
      tokenId: token.tokenId,
    };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const id = sha256(cookie);
  const s = await findSession(database.db, id, now);
  if (!s) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) void touchSession(database.db, id, now).catch(() => {});
  return {
    kind: 'user',
    workspaceId: s.workspaceId,
    userId: s.userId,
    role: s.role,
    via: 'session',
    scopes: ['read', 'write', 'admin'],
    sessionId: id,
    csrfToken: s.csrfToken,
    tokenId: null,
  };
}

/**
 * Authenticates every request under /api/v1 and enforces the route's access rule: agent routes
 * need a user of at least the route's role (and token scope), customer routes a customer token;
 * cookie sessions must echo the CSRF token on unsafe methods.
 */
export function registerAuth(app: FastifyInstance, database: Database, clock: Clock): void {
  app.decorateRequest('principal', null);
  // onRequest: before the body is read or validated, so anonymous callers learn nothing and cost little.
  app.addHook('onRequest', async (req) => {
    const access: RouteAccess = req.routeOptions.config.access ?? {};
    const mode = access.auth ?? 'agent';
    if (!req.url.startsWith('/api/v1/')) return;
    if (mode === 'public') {
      // Public routes still learn who is calling when they can (e.g. /auth/me, logout).
      req.principal = await resolvePrincipal(req, database, clock).catch(() => null);
      return;
    }
    const p = await resolvePrincipal(req, database, clock);
    if (!p) throw unauthenticated();
    req.principal = p;
    if (mode === 'customer') {
      if (p.kind !== 'customer') throw forbidden('This route is for customers');
      return;
    }
    if (mode === 'any' && p.kind === 'customer') return;
    if (p.kind !== 'user') throw forbidden('Customers cannot use agent routes');
    if (access.role && !hasRole(p.role, access.role)) throw forbidden();
    const scope = access.scope ?? (SAFE_METHODS.has(req.method) ? 'read' : 'write');
    if (!p.scopes.includes(scope)) throw new AppError('insufficient_scope', 403, `This token lacks the "${scope}" scope`);
    if (p.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !p.csrfToken || !safeEqual(sent, p.csrfToken)) {
        throw new AppError('csrf_failed', 403, 'Missing or wrong X-CSRF-Token header');
      }
    }
  });
}

/** The authenticated agent of a route whose access is `agent` (the hook guarantees it). */
export function agentOf(req: FastifyRequest): UserPrincipal {
  const p = req.principal;
  if (!p || p.kind !== 'user') throw unauthenticated();
  return p;
}
