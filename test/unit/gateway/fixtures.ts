/** Wire payloads shaped exactly as PROTOCOL.md §1.6 / §4.6 show them. */

export function readyData(sessionId = 'sess-1', userId = 'u-1'): Record<string, unknown> {
  return {
    session_id: sessionId,
    user_id: userId,
    user: null,
    spaces: [],
    channels: [],
    members: [],
    roles: [],
    users: [],
    voice_states: [],
    dm_channels: [],
    mutes: [],
    unread: [],
    presences: [],
    relationships: [],
    is_guest: false,
    api_version: 'v1',
    server_version: '0.1.32',
    motd: null,
  };
}

export function readyFrame(sessionId = 'sess-1', seq = 1): Record<string, unknown> {
  return { op: 0, type: 'ready', seq, data: readyData(sessionId) };
}

export function resumedFrame(sessionId: string, seq: number, replayed: number): Record<string, unknown> {
  return { op: 0, type: 'resumed', seq, data: { session_id: sessionId, seq, replayed } };
}

export function messageData(id: string, content = 'hello'): Record<string, unknown> {
  return {
    id,
    channel_id: 'c-1',
    space_id: 's-1',
    author_id: 'u-2',
    content,
    type: 'default',
    timestamp: '2024-05-01 12:00:00',
    edited_at: null,
    tts: false,
    pinned: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    reactions: null,
    reply_to: null,
    flags: 0,
    webhook_id: null,
    thread_id: null,
    reply_count: 0,
    title: null,
  };
}

export function messageFrame(seq: number, id = `m-${seq}`): Record<string, unknown> {
  return { op: 0, type: 'message.create', seq, data: messageData(id) };
}
