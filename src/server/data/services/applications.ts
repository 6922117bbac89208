import { notFound } from '../errors.js';
import { compareIds, newToken, sha256Hex } from '../ids.js';
import type { ApplicationRecord } from '../records.js';
import type { Application } from '../wire.js';
import type { ServiceContext } from './context.js';
import { insertUser } from './users.js';
import type { Body } from './validate.js';
import { checkLength, optString, reqString } from './validate.js';

function toApplication(record: ApplicationRecord): Application {
  const { bot_user_id: _bot, ...app } = record;
  return app;
}

/** Creates the application, its bot user `"<name> Bot"` and a bot token (in no space yet). */
export function createApplication(ctx: ServiceContext, ownerId: string, body: Body, token = newToken()): { application: Application; token: string; botUserId: string } {
  const name = checkLength('name', reqString(body, 'name'), 1, 100);
  const description = optString(body, 'description') ?? '';
  const bot = insertUser(ctx, { username: `${name} Bot`, passwordHash: null, bot: true });
  const app = ctx.data.tables.applications.put({
    id: ctx.data.nextId(),
    name,
    icon: null,
    description: checkLength('description', description, 0, 400),
    bot_public: true,
    owner_id: ownerId,
    flags: 0,
    bot_user_id: bot.id,
  });
  ctx.data.tables.botTokens.put({ hash: sha256Hex(token), user_id: bot.id, application_id: app.id });
  return { application: toApplication(app), token, botUserId: bot.id };
}

/** The caller's first application (as owner), or the bot's own application. */
function requireMyApplication(ctx: ServiceContext, userId: string): ApplicationRecord {
  const { applications } = ctx.data.tables;
  const owned = applications.where('owner', userId).sort((a, b) => compareIds(a.id, b.id))[0];
  const app = owned ?? applications.where('bot', userId)[0];
  if (!app) throw notFound('unknown_application');
  return app;
}

export const myApplication = (ctx: ServiceContext, userId: string): Application => toApplication(requireMyApplication(ctx, userId));

/** Deletes every bot token of the app (ending their sessions) and issues a new one. */
export function resetBotToken(ctx: ServiceContext, userId: string): { token: string } {
  const app = requireMyApplication(ctx, userId);
  for (const old of ctx.data.tables.botTokens.where('app', app.id)) {
    ctx.data.tables.botTokens.delete(old.hash);
    ctx.gateway.endSessionsForToken(old.hash);
  }
  const token = newToken();
  ctx.data.tables.botTokens.put({ hash: sha256Hex(token), user_id: app.bot_user_id, application_id: app.id });
  return { token };
}
