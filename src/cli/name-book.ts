/**
 * Names for ids, learned from READY and kept current from events, so `accord tail` can print
 * "#general" and "alice" instead of snowflakes. Reads wire data defensively: it is only for display.
 */
export class NameBook {
  private readonly spaces = new Map<string, string>();
  private readonly channels = new Map<string, { name: string; spaceId: string | null; type: string }>();
  private readonly users = new Map<string, string>();

  spaceName(id: string | null | undefined): string | undefined {
    return id ? this.spaces.get(id) : undefined;
  }

  channel(id: string | null | undefined): { name: string; spaceId: string | null; type: string } | undefined {
    return id ? this.channels.get(id) : undefined;
  }

  userName(id: string | null | undefined): string | undefined {
    return id ? this.users.get(id) : undefined;
  }

  /** Learns whatever names an event (or READY) carries. */
  learn(type: string, data: unknown): void {
    const record = asRecord(data);
    if (!record) return;
    switch (type) {
      case 'ready':
        this.spaces.clear();
        this.channels.clear();
        for (const space of arrayOf(record['spaces'])) this.addSpace(space);
        for (const channel of arrayOf(record['channels'])) this.addChannel(channel);
        for (const channel of arrayOf(record['dm_channels'])) this.addChannel(channel);
        for (const user of arrayOf(record['users'])) this.addUser(user);
        this.addUser(record['user']);
        return;
      case 'space.create':
      case 'space.update':
        this.addSpace(record);
        return;
      case 'channel.create':
      case 'channel.update':
        this.addChannel(record);
        return;
      case 'channel.reorder':
        for (const channel of arrayOf(record['channels'])) this.addChannel(channel);
        return;
      case 'member.join':
      case 'relationship.add':
      case 'relationship.update':
        this.addUser(record['user']);
        return;
      case 'member.chunk':
        for (const user of arrayOf(record['users'])) this.addUser(user);
        return;
      case 'user.update':
        this.addUser(record);
        return;
    }
  }

  private addSpace(value: unknown): void {
    const record = asRecord(value);
    const id = record ? text(record['id']) : undefined;
    const name = record ? text(record['name']) : undefined;
    if (id && name) this.spaces.set(id, name);
  }

  private addChannel(value: unknown): void {
    const record = asRecord(value);
    const id = record ? text(record['id']) : undefined;
    if (!record || !id) return;
    const type = text(record['type']) ?? 'text';
    const recipients = arrayOf(record['recipients']);
    for (const user of recipients) this.addUser(user);
    const dmName = recipients
      .map((user) => asRecord(user))
      .map((user) => (user ? (text(user['display_name']) ?? text(user['username'])) : undefined))
      .filter((name): name is string => name !== undefined)
      .join(', ');
    const name = text(record['name']) || (dmName ? `DM ${dmName}` : type === 'dm' || type === 'group_dm' ? 'DM' : id);
    this.channels.set(id, { name, spaceId: text(record['space_id']) ?? null, type });
  }

  private addUser(value: unknown): void {
    const record = asRecord(value);
    const id = record ? text(record['id']) : undefined;
    const name = record ? (text(record['username']) ?? text(record['display_name'])) : undefined;
    if (id && name) this.users.set(id, name);
  }
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
