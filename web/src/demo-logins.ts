import type { DemoLogin } from './views/login-dialog.js';

/** The page's own server lists its demo logins at /demo-logins.json; anything else means none. */
export async function fetchDemoLogins(baseUrl: string): Promise<DemoLogin[]> {
  try {
    const response = await fetch(new URL('/demo-logins.json', baseUrl));
    if (!response.ok) return [];
    const body = (await response.json()) as { users?: unknown };
    if (!Array.isArray(body.users)) return [];
    return body.users.filter(isDemoLogin);
  } catch {
    return [];
  }
}

function isDemoLogin(value: unknown): value is DemoLogin {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['username'] === 'string' && typeof record['token'] === 'string';
}

