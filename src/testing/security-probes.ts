/**
 * REST requests that must be refused, run against a live server (also while a soak is running).
 * Each probe names who tries what; a violation is any probe that was not refused with 401, 403
 * or 404. Tokens never appear in the results.
 */
export interface ProbeUser {
  id: string;
  username: string;
  token: string;
}

export interface ProbeWorld {
  baseUrl: string;
  users: readonly ProbeUser[];
  /** A space and the users who must not act in it. */
  privateSpace: { id: string; channelIds: readonly string[]; outsiders: readonly string[] };
  /** A space with users that hold no moderation permission in it. */
  publicSpace: { id: string; textChannelIds: readonly string[]; unprivileged: readonly string[] };
}

export interface ProbeResult {
  probes: number;
  violations: string[];
}

const REFUSED = new Set([401, 403, 404]);

export async function probeRestPermissions(world: ProbeWorld, fetchImpl: typeof fetch = fetch): Promise<ProbeResult> {
  const api = `${world.baseUrl.replace(/\/+$/, '')}/api/v1`;
  const byName = new Map(world.users.map((user) => [user.username, user]));
  const violations: string[] = [];
  let probes = 0;

  const call = async (what: string, method: string, path: string, token: string | null, body?: unknown, expect = REFUSED): Promise<unknown> => {
    probes++;
    const headers: Record<string, string> = {};
    if (token !== null) headers['authorization'] = token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetchImpl(`${api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!expect.has(response.status)) violations.push(`${what}: ${method} ${path} answered ${response.status}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  };

  await call('no token', 'GET', '/users/@me', null, undefined, new Set([401]));
  await call('unknown token', 'GET', '/users/@me', `Bearer ${'0'.repeat(64)}`, undefined, new Set([401]));
  await call('token without its scheme', 'GET', '/users/@me', world.users[0]?.token ?? 'x', undefined, new Set([401]));

  for (const name of world.privateSpace.outsiders) {
    const user = byName.get(name);
    if (!user) continue;
    const auth = `Bearer ${user.token}`;
    for (const channelId of world.privateSpace.channelIds) {
      await call(`${name} (not a member) reads a private channel`, 'GET', `/channels/${channelId}/messages?limit=1`, auth);
      await call(`${name} (not a member) posts in a private channel`, 'POST', `/channels/${channelId}/messages`, auth, { content: 'intruder' });
    }
    await call(`${name} (not a member) lists private members`, 'GET', `/spaces/${world.privateSpace.id}/members`, auth);
  }

  // Someone else's message in the public space: editing and deleting it needs manage_messages.
  const reader = byName.get(world.publicSpace.unprivileged[0] ?? '');
  for (const channelId of world.publicSpace.textChannelIds) {
    if (!reader) break;
    const listed = await call('read for probing', 'GET', `/channels/${channelId}/messages?limit=20`, `Bearer ${reader.token}`, undefined, new Set([200, 403, 404]));
    const messages = Array.isArray((listed as { data?: unknown } | undefined)?.data)
      ? ((listed as { data: { id: string; author_id: string }[] }).data)
      : [];
    for (const name of world.publicSpace.unprivileged) {
      const actor = byName.get(name);
      const target = messages.find((message) => message.author_id !== actor?.id);
      if (!actor || !target) continue;
      const auth = `Bearer ${actor.token}`;
      await call(`${name} edits another user's message`, 'PATCH', `/channels/${channelId}/messages/${target.id}`, auth, { content: 'hijacked' });
      await call(`${name} deletes another user's message`, 'DELETE', `/channels/${channelId}/messages/${target.id}`, auth);
      await call(`${name} clears reactions without manage_messages`, 'DELETE', `/channels/${channelId}/messages/${target.id}/reactions`, auth);
    }
  }
  for (const name of world.publicSpace.unprivileged) {
    const actor = byName.get(name);
    if (!actor) continue;
    const auth = `Bearer ${actor.token}`;
    await call(`${name} renames the space without manage_space`, 'PATCH', `/spaces/${world.publicSpace.id}`, auth, { name: 'taken over' });
    await call(`${name} creates a channel without manage_channels`, 'POST', `/spaces/${world.publicSpace.id}/channels`, auth, { name: 'rogue' });
    const victim = world.users.find((user) => user.id !== actor.id);
    if (victim) await call(`${name} kicks a member without kick_members`, 'DELETE', `/spaces/${world.publicSpace.id}/members/${victim.id}`, auth);
  }
  return { probes, violations };
}
