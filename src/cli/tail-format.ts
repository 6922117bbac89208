import { asRecord, text, type NameBook } from './name-book.js';

const EXCERPT_CHARS = 80;

/** What one event line says, before it is laid out as text or JSON. */
export interface TailEvent {
  time: string;
  type: string;
  space?: string;
  channel?: string;
  author?: string;
  summary?: string;
}

/** Reads the who/where/what of an event; ids fall back to themselves when no name is known. */
export function describeEvent(type: string, data: unknown, names: NameBook, now: Date): TailEvent {
  const record = asRecord(data) ?? {};
  const channelId = text(record['channel_id']) ?? (type.startsWith('channel.') ? text(record['id']) : undefined);
  const channel = names.channel(channelId);
  const spaceId = text(record['space_id']) ?? channel?.spaceId ?? (type.startsWith('space.') ? text(record['id']) : undefined);
  const authorId = authorOf(type, record);
  const event: TailEvent = { time: now.toISOString(), type };
  const space = spaceId ? (names.spaceName(spaceId) ?? spaceId) : undefined;
  if (space) event.space = space;
  if (channelId) event.channel = channel ? channel.name : channelId;
  if (authorId) event.author = names.userName(authorId) ?? authorId;
  const summary = summarize(type, record, names);
  if (summary) event.summary = summary;
  return event;
}

/** `12:03:04.005 message.create  Demo Space #general  alice: hello there` */
export function formatLine(event: TailEvent): string {
  const time = event.time.slice(11, 23);
  const where = [event.space, event.channel ? `#${event.channel}` : undefined].filter(Boolean).join(' ');
  const what = event.author ? `${event.author}${event.summary ? `: ${event.summary}` : ''}` : (event.summary ?? '');
  return [time, event.type.padEnd(20), where, what].filter((part) => part !== '').join('  ').trimEnd();
}

export function excerpt(content: string, max = EXCERPT_CHARS): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `message.*,typing.start` → a matcher; an empty list matches everything. */
export function typeMatcher(patterns: readonly string[]): (type: string) => boolean {
  const regexes = patterns
    .map((pattern) => pattern.trim())
    .filter(Boolean)
    .map((pattern) => new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`));
  if (regexes.length === 0) return () => true;
  return (type) => regexes.some((regex) => regex.test(type));
}

function escapeRegExp(textValue: string): string {
  return textValue.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function authorOf(type: string, record: Record<string, unknown>): string | undefined {
  if (type.startsWith('message.')) {
    return text(record['author_id']) ?? text(asRecord(record['author'])?.['id']);
  }
  if (type === 'member.join') return text(record['user_id']) ?? text(asRecord(record['user'])?.['id']);
  if (type === 'user.update') return text(record['id']);
  return text(record['user_id']) ?? text(record['caller_id']);
}

function summarize(type: string, record: Record<string, unknown>, names: NameBook): string | undefined {
  switch (type) {
    case 'message.create':
    case 'message.update': {
      const content = text(record['content']);
      return content === undefined ? undefined : excerpt(content);
    }
    case 'message.delete':
      return `deleted ${text(record['id']) ?? 'a message'}`;
    case 'message.delete_bulk': {
      const ids = record['ids'];
      return `deleted ${Array.isArray(ids) ? ids.length : 'several'} messages`;
    }
    case 'reaction.add':
    case 'reaction.remove':
    case 'reaction.clear_emoji':
      return emojiOf(record['emoji']);
    case 'presence.update':
      return text(record['status']);
    case 'voice.state_update': {
      const channel = names.channel(text(record['channel_id']));
      return record['channel_id'] ? `in ${channel ? `#${channel.name}` : 'voice'}` : 'left voice';
    }
    case 'space.update':
    case 'channel.create':
    case 'channel.update':
      return text(record['name']);
    case 'member.update':
      return text(record['nickname']) ? `nickname ${text(record['nickname'])}` : undefined;
    default:
      return undefined;
  }
}

function emojiOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return text(asRecord(value)?.['name']);
}
