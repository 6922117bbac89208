import { badRequest, conflict, forbidden, notFound, unauthorized } from '../errors.js';
import { compareIds, newToken, sha256Hex } from '../ids.js';
import { hashPassword, verifyPassword } from '../password.js';
import { toUser } from '../serialize.js';
import { rfc3339Time } from '../time.js';
import type { User } from '../wire.js';
import type { ServiceContext } from './context.js';
import { joinSpace } from './membership.js';
import { insertSpace } from './spaces.js';
import { issueUserToken, revokeUserToken } from './tokens.js';
import { insertUser, usernameTaken, validateUsername } from './users.js';
import type { Body } from './validate.js';
import { checkLength, optString, reqString } from './validate.js';

const GUEST_TOKEN_TTL_MS = 60 * 60 * 1000;

export interface Session {
  user: User;
  token: string;
}

const oldestSpace = (ctx: ServiceContext) =>
  [...ctx.data.tables.spaces.values()].sort((a, b) => compareIds(a.id, b.id))[0];

/**
 * `POST /auth/register`. The first user ever is instance admin and owns the first space (created
 * now if there is none); everyone else auto-joins the oldest space (`member.join`).
 */
export function register(ctx: ServiceContext, body: Body, options: { scryptCost?: number; token?: string } = {}): Session {
  const username = validateUsername(reqString(body, 'username'));
  const password = checkLength('password', reqString(body, 'password'), 8, 128);
  const displayName = optString(body, 'display_name');
  if (displayName !== undefined) checkLength('display_name', displayName, 1, 32);
  if (usernameTaken(ctx, username)) throw conflict('username already taken');
  const first = ctx.data.tables.users.size === 0;
  const user = insertUser(ctx, {
    username,
    displayName: displayName ?? username,
    passwordHash: hashPassword(password, options.scryptCost),
    isAdmin: first,
  });
  const space = oldestSpace(ctx);
  if (first && !space) insertSpace(ctx, user.id, { name: ctx.data.settings.serverName });
  else if (first && space) ctx.data.tables.spaces.put({ ...space, owner_id: user.id });
  if (space) joinSpace(ctx, space.id, user.id, 'register');
  return { user: toUser(user), token: issueUserToken(ctx, user.id, options.token) };
}

export function login(ctx: ServiceContext, body: Body): Session {
  const username = reqString(body, 'username');
  const password = reqString(body, 'password');
  const user = ctx.data.tables.users.where('username', username)[0];
  if (!user || !verifyPassword(password, user.password_hash)) throw unauthorized('invalid credentials');
  if (user.disabled) throw forbidden('account disabled');
  return { user: toUser(user), token: issueUserToken(ctx, user.id) };
}

/** Revokes the presented Bearer token (and ends the sessions opened with it). */
export function logout(ctx: ServiceContext, authorization: string): { ok: true } {
  if (!authorization.startsWith('Bearer ')) throw badRequest('only user tokens can log out');
  revokeUserToken(ctx, sha256Hex(authorization.slice(7)));
  return { ok: true };
}

/** A 1-hour guest token scoped to the first public guest space (else the first guest space). */
export function createGuestToken(ctx: ServiceContext): { token: string; expires_at: string; space_id: string } {
  const spaces = [...ctx.data.tables.spaces.values()].filter((s) => s.allow_guest_access).sort((a, b) => compareIds(a.id, b.id));
  const space = spaces.find((s) => s.public) ?? spaces[0];
  if (!space) throw notFound('no space allows guests');
  const token = newToken();
  const hash = sha256Hex(token);
  const expires = ctx.data.clock.now() + GUEST_TOKEN_TTL_MS;
  ctx.data.tables.guestTokens.put({ hash, user_id: `guest:${hash.slice(0, 16)}`, space_id: space.id, expires_at_ms: expires });
  ctx.data.anonymousCount?.(space.id, 1);
  return { token, expires_at: rfc3339Time(expires), space_id: space.id };
}
