import type { RouteTable } from '../route.js';
import type { AuthRouteDeps } from './auth.js';
import { registerAuthRoutes } from './auth.js';
import { registerChannelRoutes } from './channels.js';
import { registerExpressionRoutes } from './expressions.js';
import { registerInviteRoutes } from './invites.js';
import { registerMemberRoutes } from './members.js';
import { registerMessageRoutes } from './messages.js';
import { registerMetaRoutes } from './meta.js';
import { registerRoleRoutes } from './roles.js';
import { registerSpaceRoutes } from './spaces.js';
import { registerUserRoutes } from './users.js';

/** Every /api/v1 route. Within a group, literal paths (`@me`, `public`) come before `:param` ones. */
export function registerAllRoutes(table: RouteTable, deps: AuthRouteDeps): void {
  registerMetaRoutes(table);
  registerAuthRoutes(table, deps);
  registerUserRoutes(table);
  registerSpaceRoutes(table);
  registerChannelRoutes(table);
  registerMessageRoutes(table);
  registerMemberRoutes(table);
  registerRoleRoutes(table);
  registerInviteRoutes(table);
  registerExpressionRoutes(table);
}
