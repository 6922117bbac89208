/**
 * Frame generators for the store benchmarks: realistic accordserver frames (docs/protocol.md §4) as
 * JSON strings, so every run parses the same bytes the wire would carry.
 */
import type { WebSocketCloseEventLike, WebSocketLike, WebSocketMessageEventLike } from '../src/gateway/index.js';
import { memberJson, messageJson, privateUserJson } from '../fixtures/wire.js';

/** Just enough of a WebSocket for a bench to push frames into the gateway's handler. */
export class BenchSocket implements WebSocketLike {
  static last: BenchSocket | undefined;
  readyState = 1;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: WebSocketMessageEventLike) => void) | null = null;
  onclose: ((event: WebSocketCloseEventLike) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    BenchSocket.last = this;
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
}

const BASE = 218_000_000_000_000_000n;
export const sid = (n: number): string => String(BASE + BigInt(n));

export const SPACE_BASE = 1_000;
export const CHANNEL_BASE = 10_000;
export const USER_BASE = 100_000;
export const MESSAGE_BASE = 1_000_000;
export const ME = sid(USER_BASE);

const WORDS = 'the quick brown fox jumps over lazy dogs while servers replay events in order once only'.split(' ');

function text(i: number, length: number): string {
  let out = '';
  for (let w = i; out.length < length; w += 7) out += `${WORDS[w % WORDS.length] ?? 'x'} `;
  return out.trimEnd();
}

export interface MessageShape {
  channels: number;
  authors: number;
}

/** One Message (docs/protocol.md §4.6) as the gateway carries it, about 1.2 KB as a frame. */
export function messageData(i: number, shape: MessageShape, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const id = sid(MESSAGE_BASE + i);
  const channelId = sid(CHANNEL_BASE + (i % shape.channels));
  return messageJson({
    id,
    channel_id: channelId,
    space_id: sid(SPACE_BASE),
    author_id: sid(USER_BASE + 1 + (i % shape.authors)),
    content: text(i, 120 + (i % 60)),
    mentions: i % 3 === 0 ? [sid(USER_BASE + 2), sid(USER_BASE + 3)] : [],
    attachments: [
      {
        id: `${id}9`,
        filename: `screenshot-${i}.png`,
        description: null,
        content_type: 'image/png',
        size: 48_213 + i,
        url: `/cdn/attachments/${channelId}/${id}9/screenshot-${i}.png`,
        width: 1280,
        height: 720,
      },
    ],
    embeds: [
      {
        title: 'Release notes',
        type: 'link',
        description: text(i + 3, 80),
        url: 'https://example.org/releases/0.1.32',
        timestamp: null,
        color: 5_814_783,
        footer: { text: 'example.org', icon_url: null },
        image: null,
        thumbnail: { url: 'https://example.org/thumb.png', width: 64, height: 64 },
        author: null,
        fields: null,
      },
    ],
    reply_to: i % 4 === 0 && i > 0 ? sid(MESSAGE_BASE + i - 1) : null,
    ...extra,
  });
}

export function frame(type: string, seq: number, data: unknown): string {
  return JSON.stringify({ op: 0, type, seq, data });
}

export const HELLO = JSON.stringify({ op: 5, data: { heartbeat_interval: 45_000 } });

function user(n: number): Record<string, unknown> {
  return privateUserJson({
    id: sid(USER_BASE + n),
    username: `user${n}`,
    display_name: `User ${n}`,
    avatar: n % 3 === 0 ? `/cdn/avatars/${sid(USER_BASE + n)}.png` : null,
    bio: n % 5 === 0 ? text(n, 60) : null,
    is_admin: false,
    created_at: '2024-01-01 00:00:00',
  });
}

/** A Member (docs/protocol.md §4.4) as READY and member.* events carry it. */
export function memberData(userId: string, spaceId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return memberJson(spaceId, userId, { joined_at: '2024-01-01 00:00:00', ...extra });
}

interface ChannelIdentity {
  id: string;
  type: string;
  space_id: string | null;
  name: string;
  position: number;
  owner_id: string | null;
}

/** A Channel (docs/protocol.md §4.3) with everything but its identity at the defaults. */
function channelData(identity: ChannelIdentity): Record<string, unknown> {
  return {
    id: identity.id,
    type: identity.type,
    space_id: identity.space_id,
    name: identity.name,
    topic: null,
    position: identity.position,
    parent_id: null,
    nsfw: false,
    rate_limit: 0,
    bitrate: null,
    user_limit: null,
    owner_id: identity.owner_id,
    last_message_id: null,
    permission_overwrites: [],
    archived: false,
    auto_archive_after: null,
    allow_anonymous_read: false,
    created_at: '2024-01-01 00:00:00',
  };
}

export interface ReadyShape {
  spaces: number;
  channelsPerSpace: number;
  users: number;
  /** Members per space (users are spread over spaces round-robin, the first `users` ids). */
  membersPerSpace: number;
}

/** A READY (docs/protocol.md §1.6) with every part present, so hydration needs no REST. */
export function readyData(shape: ReadyShape): Record<string, unknown> {
  const spaces = [];
  const channels = [];
  const roles = [];
  const members = [];
  for (let s = 0; s < shape.spaces; s++) {
    const spaceId = sid(SPACE_BASE + s);
    spaces.push({
      id: spaceId,
      name: `Space ${s}`,
      slug: `space-${s}`,
      description: null,
      icon: null,
      banner: null,
      splash: null,
      owner_id: ME,
      verification_level: 'none',
      default_notifications: 'all',
      explicit_content_filter: 'disabled',
      vanity_url_code: null,
      preferred_locale: 'en-US',
      afk_channel_id: null,
      afk_timeout: 300,
      system_channel_id: null,
      rules_channel_id: null,
      nsfw_level: 'default',
      premium_tier: 'none',
      public: false,
      allow_guest_access: true,
      premium_subscription_count: 0,
      max_members: 500_000,
      created_at: '2024-01-01 00:00:00',
    });
    for (let c = 0; c < shape.channelsPerSpace; c++) {
      channels.push(
        channelData({
          id: sid(CHANNEL_BASE + s * shape.channelsPerSpace + c),
          type: c % 10 === 9 ? 'voice' : 'text',
          space_id: spaceId,
          name: `channel-${c}`,
          position: c,
          owner_id: null,
        }),
      );
    }
    for (let r = 0; r < 3; r++) {
      roles.push({
        id: sid(SPACE_BASE * 10 + s * 3 + r),
        name: r === 0 ? '@everyone' : `role${r}`,
        color: r * 1000,
        hoist: r > 0,
        icon: null,
        position: r,
        permissions: ['view_channel', 'send_messages'],
        managed: false,
        mentionable: false,
      });
    }
    for (let m = 0; m < shape.membersPerSpace; m++) {
      const userN = (s * shape.membersPerSpace + m) % shape.users;
      members.push(memberData(sid(USER_BASE + userN), spaceId, { roles: m % 4 === 0 ? [sid(SPACE_BASE * 10 + s * 3 + 1)] : [] }));
    }
  }
  const users = Array.from({ length: shape.users }, (_, n) => user(n));
  const presences = users
    .filter((_, n) => n % 3 === 0)
    .map((u) => ({ user_id: u['id'], status: 'online', client_status: { desktop: 'online', mobile: null, web: null }, activities: [], space_id: null }));
  return {
    session_id: 'bench-session',
    user_id: ME,
    user: user(0),
    spaces,
    channels,
    members,
    roles,
    users,
    voice_states: [],
    dm_channels: [
      {
        ...channelData({ id: sid(CHANNEL_BASE - 1), type: 'dm', space_id: null, name: '', position: 0, owner_id: ME }),
        recipients: [user(0), user(1)],
      },
    ],
    mutes: [],
    unread: [],
    presences,
    relationships: [],
    is_guest: false,
    api_version: 'v1',
    server_version: '0.1.32',
    motd: null,
  };
}
