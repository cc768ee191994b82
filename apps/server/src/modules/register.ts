import type { AppContext } from '../engine/context.js';
import type { TypedApp } from '../engine/http/app.js';
import { agentOf } from '../engine/auth/auth.hooks.js';
import { adminJobRoutes } from './admin/jobs.routes.js';
import { attachmentRoutes } from './attachments/attachments.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { calendarRoutes } from './calendars/calendars.routes.js';
import { customerRoutes } from './customers/customers.routes.js';
import { fieldRoutes } from './fields/fields.routes.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { searchRoutes } from './search/search.routes.js';
import { tagRoutes } from './tags/tags.routes.js';
import { slaRoutes } from './sla/sla.routes.js';
import { ticketRoutes } from './tickets/tickets.routes.js';
import { tokenRoutes } from './tokens/tokens.routes.js';
import { userRoutes } from './users/users.routes.js';
import { viewRoutes } from './views/views.routes.js';

/** Every business module's routes under /api/v1. */
export function registerModules(app: TypedApp, ctx: AppContext): void {
  authRoutes(app, ctx);
  userRoutes(app, ctx);
  customerRoutes(app, ctx);
  ticketRoutes(app, ctx);
  fieldRoutes(app, ctx);
  viewRoutes(app, ctx);
  notificationRoutes(app, ctx);
  searchRoutes(app, ctx);
  tagRoutes(app, ctx);
  attachmentRoutes(app, ctx);
  tokenRoutes(app, ctx);
  adminJobRoutes(app, ctx);
  slaRoutes(app, ctx);
  calendarRoutes(app, ctx);

  // Realtime: agents receive their workspace's events over one WebSocket.
  app.get(
    '/realtime',
    { websocket: true, schema: { tags: ['realtime'], summary: 'WebSocket: ticket events of your workspace' } },
    (socket, req) => {
      const p = agentOf(req);
      const origin = req.headers.origin;
      if (p.via === 'session' && origin && new URL(origin).host !== req.headers.host) {
        socket.close(4403, 'cross-origin');
        return;
      }
      // Listeners attach synchronously (a message sent right after the upgrade is not lost); the
      // name shown in collision notices is looked up meanwhile.
      const name = ctx.database.db
        .selectFrom('users')
        .select('name')
        .where('workspace_id', '=', p.workspaceId)
        .where('id', '=', p.userId)
        .executeTakeFirst()
        .then((u) => u?.name ?? '')
        .catch(() => '');
      ctx.hub.add(socket, p.workspaceId, p.userId, name);
    },
  );
}
