import type { Clock } from '../../../util/clock.js';
import { createApplication, myApplication, resetBotToken } from '../../data/services/applications.js';
import { createGuestToken, login, logout, register } from '../../data/services/auth.js';
import { asBody } from '../../data/services/validate.js';
import type { RegisterLimitOptions } from '../rate-limit.js';
import type { RouteTable } from '../route.js';
import { RawBody } from '../route.js';
import { AttemptLog } from '../attempt-log.js';

const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;
const MAX_LOGIN_FAILURES = 5;
const MAX_REGISTER_ATTEMPTS = 5;
const MAX_GUEST_TOKENS = 10;
const ONE_HOUR_MS = 60 * 60 * 1000;

export interface AuthRouteDeps {
  clock: Clock;
  registerLimit?: RegisterLimitOptions;
}

export function registerAuthRoutes(r: RouteTable, deps: AuthRouteDeps): void {
  const failures = new AttemptLog(deps.clock, MAX_LOGIN_FAILURES, FIFTEEN_MINUTES_MS);
  const limit = deps.registerLimit ?? {};
  const registrations = limit.disabled
    ? null
    : new AttemptLog(deps.clock, limit.attempts ?? MAX_REGISTER_ATTEMPTS, limit.windowMs ?? FIFTEEN_MINUTES_MS);
  r.post('/auth/register', 'optional', async (req, ctx) => {
    // every attempt counts, successful or not, keyed on the client address (see clientIp)
    registrations?.check(req.ip);
    registrations?.record(req.ip);
    return register(ctx, asBody(await req.body()));
  });
  r.post('/auth/login', 'optional', async (req, ctx) => {
    const body = asBody(await req.body());
    const username = typeof body.username === 'string' ? body.username : '';
    failures.check(username);
    try {
      return login(ctx, body);
    } catch (error) {
      failures.record(username);
      throw error;
    }
  });
  r.post('/auth/logout', 'user', (req, ctx) => logout(ctx, req.authorization ?? ''));
  const guestTokens = new AttemptLog(deps.clock, MAX_GUEST_TOKENS, ONE_HOUR_MS);
  r.post('/auth/guest', 'optional', (req, ctx) => {
    guestTokens.check(req.ip);
    guestTokens.record(req.ip);
    return new RawBody(createGuestToken(ctx));
  });

  r.post('/applications', 'user', async (req, ctx) => {
    const { application, token } = createApplication(ctx, req.userId, asBody(await req.body()));
    return { application, token };
  });
  r.get('/applications/@me', 'user', (req, ctx) => myApplication(ctx, req.userId));
  r.post('/applications/@me/reset-token', 'user', (req, ctx) => resetBotToken(ctx, req.userId));
}
