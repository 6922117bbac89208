import { describe, expect, it } from 'vitest';
import { Router } from '../../../src/server/rest/router.js';

describe('Router', () => {
  const router = new Router<string>();
  router.add('GET', '/users/@me', 'me');
  router.add('GET', '/users/:id', 'user');
  router.add('DELETE', '/spaces/:sid/members/:uid', 'kick');

  it('prefers earlier literal routes and captures params', () => {
    expect(router.match('GET', ['users', '@me'])).toMatchObject({ route: 'me' });
    const match = router.match('GET', ['users', '42']);
    expect(match).toMatchObject({ route: 'user' });
    if (match && match !== 'method_not_allowed') expect(match.params.get('id')).toBe('42');
    const kick = router.match('DELETE', ['spaces', '1', 'members', '2']);
    if (!kick || kick === 'method_not_allowed') throw new Error('no match');
    expect([...kick.params]).toEqual([['sid', '1'], ['uid', '2']]);
  });

  it('distinguishes wrong method from unknown path', () => {
    expect(router.match('POST', ['users', '1'])).toBe('method_not_allowed');
    expect(router.match('GET', ['users'])).toBeNull();
    expect(router.match('GET', ['users', '1', 'x'])).toBeNull();
  });
});
