import { describe, expect, it } from 'vitest';
import { groupReadyRoles } from '../../../src/state/mutations/ready.js';
import { flush } from './fake-client.js';
import { readyData, role, space } from './fixtures.js';
import { setup } from './harness.js';

describe('role events', () => {
  it('role.create reads data.role and keeps position order', async () => {
    const h = await setup();
    h.client.emit('role.create', { space_id: 's1', role: role('r5', 5) });
    h.client.emit('role.create', { space_id: 's1', role: role('r3', 3) });
    expect(h.store.roles('s1').map((r) => r.id)).toEqual(['r0', 'r1', 'r3', 'r5']);
    expect(h.signals).toEqual([
      ['rolesUpdated', 's1'],
      ['rolesUpdated', 's1'],
    ]);
  });

  it('role.update replaces by id', async () => {
    const h = await setup();
    h.client.emit('role.update', { space_id: 's1', role: role('r1', 1, { name: 'Mods', color: 5 }) });
    expect(h.store.roles('s1').find((r) => r.id === 'r1')).toMatchObject({ name: 'Mods', color: 5 });
    expect(h.store.roles('s1')).toHaveLength(2);
  });

  it('role.delete removes by role_id', async () => {
    const h = await setup();
    h.client.emit('role.delete', { space_id: 's1', role_id: 'r1' });
    expect(h.store.roles('s1').map((r) => r.id)).toEqual(['r0']);
    expect(h.signals).toEqual([['rolesUpdated', 's1']]);
  });
});

describe('READY role grouping', () => {
  it('splits at each @everyone when the group count equals the space count', () => {
    const groups = groupReadyRoles([role('a0', 0), role('a1', 1), role('b0', 0), role('b1', 1), role('b2', 2)], ['sa', 'sb']);
    expect(groups?.get('sa')?.map((r) => r.id)).toEqual(['a0', 'a1']);
    expect(groups?.get('sb')?.map((r) => r.id)).toEqual(['b0', 'b1', 'b2']);
  });

  it('is ambiguous when a space lacks its group or a group lacks its @everyone', () => {
    expect(groupReadyRoles([role('a0', 0), role('a1', 1)], ['sa', 'sb'])).toBeNull();
    expect(groupReadyRoles([role('a1', 1), role('b0', 0)], ['sa', 'sb'])).toBeNull();
    expect(groupReadyRoles([], ['sa'])).toBeNull();
  });

  it('fetches roles per space over REST when READY is ambiguous', async () => {
    const h = await setup({
      ready: readyData({ spaces: [space('s1'), space('s2')], roles: [role('r0', 0), role('r1', 1)] }),
    });
    await flush();
    expect(h.client.rest.listRoles).toHaveBeenCalledTimes(2);
    expect(h.client.rest.listRoles).toHaveBeenCalledWith('s1');
    expect(h.client.rest.listRoles).toHaveBeenCalledWith('s2');
  });

  it('uses READY roles without REST when unambiguous', async () => {
    const h = await setup();
    expect(h.client.rest.listRoles).not.toHaveBeenCalled();
    expect(h.store.roles('s1').map((r) => r.id)).toEqual(['r0', 'r1']);
  });
});
