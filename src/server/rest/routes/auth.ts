import type { Clock } from '../../../util/clock.js';
import { createApplication, myApplication, resetBotToken } from '../../data/services/applications.js';
import { createGuestToken, login, logout, register } from '../../data/services/auth.js';
import { asBody } from '../../data/services/validate.js';
import type { RouteTable } from '../route.js';
import { RawBody, RetryLaterError } from '../route.js';

const FAILURE_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;

/** Login: 5 failed attempts per username per 15 minutes, then 429 until the oldest one ages out. */
class LoginFailures {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  check(username: string): void {
    const now = this.clock.now();
    const recent = (this.failures.get(username) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    this.failures.set(username, recent);
    const oldest = recent[0];
    if (recent.length >= MAX_FAILURES && oldest !== undefined) {
      throw new RetryLaterError(Math.max(1, Math.ceil((oldest + FAILURE_WINDOW_MS - now) / 1000)));
    }
  }

  record(username: string): void {
    const list = this.failures.get(username) ?? [];
    list.push(this.clock.now());
    this.failures.set(username, list);
  }
}

export function registerAuthRoutes(r: RouteTable, deps: { clock: Clock }): void {
  const failures = new LoginFailures(deps.clock);
  r.post('/auth/register', 'optional', async (req, ctx) => register(ctx, asBody(await req.body())));
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
  r.post('/auth/guest', 'optional', (_req, ctx) => new RawBody(createGuestToken(ctx)));

  r.post('/applications', 'user', async (req, ctx) => {
    const { application, token } = createApplication(ctx, req.userId, asBody(await req.body()));
    return { application, token };
  });
  r.get('/applications/@me', 'user', (req, ctx) => myApplication(ctx, req.userId));
  r.post('/applications/@me/reset-token', 'user', (req, ctx) => resetBotToken(ctx, req.userId));
}
