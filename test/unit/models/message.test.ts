import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/models/index.js';
import * as W from './wire-fixtures.js';

describe('Message parser quirks (docs/protocol.md §3.2, §4.6)', () => {
  it('reads the federation relay shape: author object and created_at, @domain ids kept', () => {
    const relay = {
      id: '500@remote.example',
      channel_id: '300@remote.example',
      space_id: '200@remote.example',
      author: { id: '100@remote.example', username: 'carol@remote.example', display_name: 'Carol', avatar: null },
      content: 'from afar',
      mentions: [],
      mention_everyone: false,
      embeds: [],
      reply_to: null,
      created_at: '2024-05-01 12:00:00',
    };
    const result = parseMessage(relay);
    expect(result.fatal).toBeUndefined();
    expect(result.value).toMatchObject({
      id: '500@remote.example',
      channel_id: '300@remote.example',
      author_id: '100@remote.example',
      timestamp: '2024-05-01 12:00:00',
      content: 'from afar',
      reactions: null,
      attachments: [],
    });
    expect(result.issues.map((issue) => issue.path)).not.toContain('/author_id');
    expect(result.issues.map((issue) => issue.path)).not.toContain('/timestamp');
  });

  it('reads the partial MCP payload, defaulting the rest', () => {
    const partial = { id: '501', channel_id: '300', space_id: '200', author_id: '1', content: 'bot says', type: 'default', timestamp: '2024-05-01 12:00:00' };
    const result = parseMessage(partial);
    expect(result.fatal).toBeUndefined();
    expect(result.value).toMatchObject({ ...partial, mentions: [], embeds: [], reactions: null, reply_count: 0, pinned: false });
  });

  it('keeps reactions: null of gateway events as null (merge, not replace)', () => {
    const update = { ...structuredClone(W.message), reactions: null, reply_count: 0, edited_at: '2024-05-01 12:01:00' };
    const result = parseMessage(update);
    expect(result.issues).toEqual([]);
    expect(result.value.reactions).toBeNull();
    expect(result.value.edited_at).toBe('2024-05-01 12:01:00');
  });

  it('keeps the valid reactions when one reaction is malformed', () => {
    const input = {
      ...structuredClone(W.message),
      reactions: [{ emoji: { id: null, name: '👍' }, count: 2, me: true }, { emoji: { id: null, name: 'party_blob' }, count: 'three', me: false }],
    };
    const result = parseMessage(input);
    expect(result.value.reactions).toEqual([
      { emoji: { id: null, name: '👍' }, count: 2, me: true },
      { emoji: { id: null, name: 'party_blob' }, count: 0, me: false },
    ]);
    expect(result.issues.map((issue) => issue.path)).toContain('/reactions');
  });

  it('keeps an embed whose footer is malformed, defaulting only the bad key', () => {
    const input = { ...structuredClone(W.message), embeds: [{ ...W.embed, footer: { text: 5, icon_url: null } }] };
    const result = parseMessage(input);
    expect(result.value.embeds[0]).toEqual({ ...W.embed, footer: { text: '', icon_url: null } });
  });

  it('reads a system member_join message and a thread reply', () => {
    const join = { ...structuredClone(W.message), type: 'member_join', content: 'Bob joined the server.', reactions: null };
    expect(parseMessage(join).value.type).toBe('member_join');
    const reply = { ...structuredClone(W.message), id: '502', thread_id: '500', reply_count: 0 };
    expect(parseMessage(reply).value.thread_id).toBe('500');
    const forumPost = { ...structuredClone(W.message), title: 'Post', last_reply_at: '2024-05-01 13:00:00' };
    expect(parseMessage(forumPost).value.last_reply_at).toBe('2024-05-01 13:00:00');
  });
});
