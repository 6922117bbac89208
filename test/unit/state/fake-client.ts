import { vi } from 'vitest';
import { TypedEmitter } from '../../../src/util/emitter.js';
import type { StoreClient, StoreClientEvents, StoreRest, StoreVoiceStateRequest } from '../../../src/state/index.js';

/** An HTTP-ish error like AccordApiError: the store reads only `status`. */
export class FakeApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/**
 * A StoreClient whose events a test emits by hand and whose REST calls are stubs (each resolves
 * an empty answer until a test replaces it).
 */
export class FakeClient extends TypedEmitter<StoreClientEvents> implements StoreClient {
  readonly rest = {
    getCurrentUser: vi.fn<StoreRest['getCurrentUser']>(() => Promise.reject(new FakeApiError(404))),
    getUser: vi.fn<StoreRest['getUser']>(() => Promise.reject(new FakeApiError(404))),
    getSpace: vi.fn<StoreRest['getSpace']>(() => Promise.reject(new FakeApiError(404))),
    listSpaceChannels: vi.fn<StoreRest['listSpaceChannels']>(() => Promise.resolve([])),
    listMembers: vi.fn<StoreRest['listMembers']>(() => Promise.resolve([])),
    listRoles: vi.fn<StoreRest['listRoles']>(() => Promise.resolve([])),
    listDmChannels: vi.fn<StoreRest['listDmChannels']>(() => Promise.resolve([])),
    listBans: vi.fn<StoreRest['listBans']>(() => Promise.resolve([])),
    listInvites: vi.fn<StoreRest['listInvites']>(() => Promise.resolve([])),
    listMessages: vi.fn<StoreRest['listMessages']>(() => Promise.resolve([])),
    listReactionUsers: vi.fn<StoreRest['listReactionUsers']>(() => Promise.resolve([])),
    listReadStates: vi.fn<StoreRest['listReadStates']>(() => Promise.resolve([])),
    ackMessage: vi.fn<StoreRest['ackMessage']>(() => Promise.resolve()),
    listVoiceStates: vi.fn<StoreRest['listVoiceStates']>(() => Promise.resolve([])),
    searchMessages: vi.fn<StoreRest['searchMessages']>(() => Promise.resolve({ messages: [], cursor: undefined })),
    triggerTyping: vi.fn<StoreRest['triggerTyping']>(() => Promise.resolve()),
    createMessage: vi.fn<StoreRest['createMessage']>(() => Promise.reject(new FakeApiError(503))),
    editMessage: vi.fn<StoreRest['editMessage']>(() => Promise.reject(new FakeApiError(503))),
    deleteMessage: vi.fn<StoreRest['deleteMessage']>(() => Promise.resolve()),
    addReaction: vi.fn<StoreRest['addReaction']>(() => Promise.resolve()),
    removeReaction: vi.fn<StoreRest['removeReaction']>(() => Promise.resolve()),
  };
  readonly voiceRequests: StoreVoiceStateRequest[] = [];
  readonly presenceUpdates: Array<{ status: string; activity: unknown }> = [];
  readonly gateway = {
    state: 'connected',
    updateVoiceState: (request: StoreVoiceStateRequest): void => {
      this.voiceRequests.push(request);
    },
    updatePresence: (status: string, activity?: unknown): void => {
      this.presenceUpdates.push({ status, activity: activity ?? null });
    },
  };
  readonly login = vi.fn<() => Promise<unknown>>(() => Promise.resolve(undefined));
  readonly logout = vi.fn<() => Promise<void>>(() => Promise.resolve());
}

/** A promise a test settles by hand (to hold a REST answer while events arrive). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks (REST answers) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
