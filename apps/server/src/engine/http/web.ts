import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** apps/web/dist, found from this file both in src/ (tests, tsx) and in dist/ (kefu start). */
export function defaultWebDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');
}

export interface WebApp {
  sendIndex(reply: FastifyReply): FastifyReply;
}

/**
 * Serves the built agent app: hashed assets cached for a year, index.html never cached. Paths that
 * are client-side routes get index.html through the not-found handler (see app.ts). Without a
 * build, `/` points to the API docs.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string | undefined): Promise<WebApp | null> {
  const dir = webDir ?? defaultWebDir();
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/api/docs'));
    return null;
  }
  const index = readFileSync(indexFile, 'utf8');
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const web: WebApp = {
    sendIndex: (reply) =>
      reply
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .type('text/html; charset=utf-8')
        .send(index),
  };
  app.get('/', { schema: { hide: true } }, async (_req, reply) => web.sendIndex(reply));
  return web;
}
