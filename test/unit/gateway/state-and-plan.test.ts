import { describe, expect, it } from 'vitest';
import { canTransition } from '../../../src/gateway/index.js';
import { planRecovery } from '../../../src/gateway/recovery-plan.js';
import { createHarness } from './harness.js';
import { messageFrame } from './fixtures.js';

describe('state machine', () => {
  it('allows only the listed moves', () => {
    expect(canTransition('disconnected', 'connecting')).toBe(true);
    expect(canTransition('disconnected', 'connected')).toBe(false);
    expect(canTransition('disconnected', 'resuming')).toBe(false);
    expect(canTransition('connected', 'resuming')).toBe(true);
    expect(canTransition('resuming', 'connecting')).toBe(true);
    expect(canTransition('resuming', 'connected')).toBe(true);
  });

  it('takes only legal moves through a lifecycle with drops, op 7 and disconnect', async () => {
    const { gw, recorded, connectReady, runUntilNewSocket } = createHarness();
    const first = await connectReady('sess');
    first.receive(messageFrame(2));
    first.drop();
    const second = runUntilNewSocket();
    second.hello();
    second.receive({ op: 7, data: { resumable: false } });
    runUntilNewSocket().hello();
    gw.disconnect();
    expect(recorded.states.length).toBeGreaterThanOrEqual(4);
    for (const [next, prev] of recorded.states) expect(canTransition(prev, next)).toBe(true);
  });
});

describe('planRecovery: the single decision table for losses', () => {
  it('closes: fatal codes stop, 4005/4008 re-identify, others resume', () => {
    expect(planRecovery({ kind: 'closed', code: 4004, reason: '' }, 'live')).toMatchObject({ action: 'stop', code: 4004 });
    expect(planRecovery({ kind: 'closed', code: 4008, reason: 'rate limit exceeded' }, 'live')).toMatchObject({
      action: 'retry',
      session: 'identify',
      wait: 'backoff',
    });
    expect(planRecovery({ kind: 'closed', code: 1006, reason: '' }, 'live')).toMatchObject({ session: 'resume' });
  });

  it('any loss while a RESUME is unanswered starts a new session', () => {
    expect(planRecovery({ kind: 'closed', code: 1006, reason: '' }, 'resume_sent')).toMatchObject({ session: 'identify' });
    expect(planRecovery({ kind: 'zombie' }, 'resume_sent')).toMatchObject({ session: 'identify' });
  });

  it('op 7 answering IDENTIFY stops at once as an auth failure; answering RESUME retries with IDENTIFY', () => {
    expect(planRecovery({ kind: 'invalid_session', resumable: false }, 'identify_sent')).toMatchObject({
      action: 'stop',
      code: 4004,
      failure: 'auth',
    });
    expect(planRecovery({ kind: 'invalid_session', resumable: false }, 'resume_sent')).toMatchObject({
      action: 'retry',
      session: 'identify',
      wait: 'invalid_session',
    });
  });
});
