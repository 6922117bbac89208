/** The demo accounts a page or a terminal may offer, read from `server.seeded` whatever its exact shape. */
export interface DemoLogin {
  username: string;
  displayName?: string;
  password?: string;
  token: string;
}

export interface DemoLogins {
  users: DemoLogin[];
  bot?: { username?: string; token: string };
}

export function demoLoginsFrom(seeded: unknown): DemoLogins {
  const record = asRecord(seeded);
  if (!record) return { users: [] };
  const users = Array.isArray(record['users']) ? record['users'].map(toLogin).filter((u): u is DemoLogin => u !== undefined) : [];
  const botRecord = asRecord(record['bot']);
  const botToken = botRecord ? stringField(botRecord, 'token') : undefined;
  const botName = botRecord ? (stringField(botRecord, 'username') ?? stringField(botRecord, 'name')) : undefined;
  return {
    users,
    ...(botToken ? { bot: { token: botToken, ...(botName ? { username: botName } : {}) } } : {}),
  };
}

function toLogin(value: unknown): DemoLogin | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  const nested = asRecord(record['user']);
  const username = stringField(record, 'username') ?? (nested ? stringField(nested, 'username') : undefined);
  const token = stringField(record, 'token');
  if (!username || !token) return undefined;
  const displayName =
    stringField(record, 'displayName') ?? stringField(record, 'display_name') ?? (nested ? stringField(nested, 'display_name') : undefined);
  const password = stringField(record, 'password');
  return { username, token, ...(displayName ? { displayName } : {}), ...(password ? { password } : {}) };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
