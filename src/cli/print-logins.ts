import type { DemoLogins } from './demo-logins.js';

/** The demo accounts as an aligned table (they are demo secrets, printed on purpose). */
export function loginLines(logins: DemoLogins, options: { tokens: boolean }): string[] {
  if (logins.users.length === 0) return ['  (no demo users: started with --seed empty)'];
  const width = Math.max(...logins.users.map((u) => u.username.length), 8);
  const passWidth = Math.max(...logins.users.map((u) => (u.password ?? '').length), 8);
  const lines = logins.users.map((user) => {
    const base = `  ${user.username.padEnd(width)}  ${(user.password ?? '').padEnd(passWidth)}`;
    return options.tokens ? `${base}  Bearer ${user.token}` : base.trimEnd();
  });
  const header = `  ${'username'.padEnd(width)}  ${'password'.padEnd(passWidth)}${options.tokens ? '  token' : ''}`;
  const out = [header.trimEnd(), ...lines];
  if (options.tokens && logins.bot) out.push(`  bot ${logins.bot.username ?? ''}: Bot ${logins.bot.token}`);
  return out;
}
