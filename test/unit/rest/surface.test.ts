import { describe, expect, it } from 'vitest';
import { AccordRest } from '../../../src/rest/index.js';
import { FakeFetch, TOKEN, json, userJson } from './fake-fetch.js';

/** Every endpoint method of AccordRest (the 82 of the one 600-line class, plus searchMessages). */
const METHODS = `logout createApplication getCurrentApplication resetApplicationToken getCurrentUser getUser updateCurrentUser
  listCurrentUserSpaces listDmChannels createDmChannel listReadStates ackMessage listRelationships putRelationship
  deleteRelationship getSpace createSpace updateSpace deleteSpace joinSpace getAnonymousCount listSpaceChannels createChannel
  reorderChannels getChannel updateChannel deleteChannel listMembers searchMembers getMember updateMember updateCurrentMember
  leaveSpace kickMember addMemberRole removeMemberRole listRoles createRole updateRole deleteRole reorderRoles listMessages
  searchMessages getMessage createMessage editMessage deleteMessage bulkDeleteMessages addReaction removeReaction listReactionUsers
  clearReactions clearEmojiReactions triggerTyping listPins pinMessage unpinMessage listBans getBan banMember unbanMember
  listInvites listChannelInvites createInvite createChannelInvite getInvite deleteInvite acceptInvite listEmojis getEmoji
  createEmoji updateEmoji deleteEmoji listSounds getSound createSound updateSound deleteSound playSound joinVoice leaveVoice
  listVoiceStates getVoiceInfo`.split(/\s+/);

describe('AccordRest surface', () => {
  it('has every endpoint as a shared, non-enumerable prototype method, like a class body', () => {
    expect(METHODS).toHaveLength(83);
    const proto = AccordRest.prototype as unknown as Record<string, unknown>;
    for (const name of METHODS) {
      const descriptor = Object.getOwnPropertyDescriptor(AccordRest.prototype, name);
      expect(typeof proto[name], name).toBe('function');
      expect(descriptor?.enumerable, name).toBe(false);
    }
    const a = new AccordRest({ baseUrl: 'http://a', token: TOKEN });
    const b = new AccordRest({ baseUrl: 'http://b', token: TOKEN });
    expect(a.getUser).toBe(b.getUser);
    expect(Object.keys(a)).toEqual(['tokenType']);
    expect({ ...a }).toEqual({ tokenType: 'Bearer' });
  });

  it('keeps the static auth helpers', () => {
    for (const name of ['register', 'login', 'loginMfa', 'guest'] as const) expect(typeof AccordRest[name]).toBe('function');
  });

  it('each instance sends through its own transport', async () => {
    const first = new FakeFetch(json({ data: userJson('1') }));
    const second = new FakeFetch(json({ data: userJson('2') }));
    const a = new AccordRest({ baseUrl: 'http://a', token: TOKEN, fetch: first.fetch });
    const b = new AccordRest({ baseUrl: 'http://b', token: TOKEN, fetch: second.fetch });
    expect((await b.getCurrentUser()).id).toBe('2');
    expect((await a.getCurrentUser()).id).toBe('1');
    expect(first.calls.map((call) => call.url.host)).toEqual(['a']);
    expect(second.calls.map((call) => call.url.host)).toEqual(['b']);
  });
});
