import type { Message } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { StoreCreateMessageBody } from '../store-client.js';
import type { SendRetryOptions } from '../types.js';
import { failureKind, retryAfterOf } from './failures.js';
import { newestMessageId } from '../read-position.js';
import { findPosted } from './find-posted.js';
import { beginAwaiting } from './held-creates.js';
import type { ChannelOutbox, PendingSend } from './outbox.js';
import { confirmSend, emitSendChanged, failSend, stopAwaiting } from './send-settle.js';

/** How sends retry a transient failure (AccordStoreOptions.sendRetry, resolved). */
export interface SendPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** The store's sendRetry option with its defaults. */
export function sendPolicy(options: SendRetryOptions = {}): SendPolicy {
  return {
    attempts: Math.max(1, options.attempts ?? 6),
    baseDelayMs: Math.max(0, options.baseDelayMs ?? 500),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? 15_000),
  };
}

/** What the send pipeline needs from its store. */
export interface SendEnv {
  readonly ctx: StateContext;
  readonly policy: SendPolicy;
}

type Step = 'next' | 'wait' | 'offline' | 'stop';

/**
 * One channel's sends go out one at a time, in the order typed: the next POST leaves only once
 * the one before it is confirmed or has failed for good. A transient failure (network, 5xx, 429)
 * retries the same send after a backoff and holds the rest behind it; a refusal (4xx) fails that
 * send alone and the queue goes on. While the connection is down nothing is posted: the queue
 * waits as `queued` and `resumeChannel` starts it again once the connection is back.
 */
export function pumpChannel(env: SendEnv, conn: ServerConnection, channel: ChannelOutbox): void {
  if (channel.busy || conn.removed) return;
  channel.busy = true;
  void drain(env, conn, channel);
}

/** The connection is back: waiting sends go now (a pending backoff is cut short). */
export function resumeChannel(env: SendEnv, conn: ServerConnection, channel: ChannelOutbox): void {
  if (channel.timer !== null) {
    env.ctx.clock.clearTimeout(channel.timer);
    channel.timer = null;
    channel.busy = false;
  }
  pumpChannel(env, conn, channel);
}

async function drain(env: SendEnv, conn: ServerConnection, channel: ChannelOutbox): Promise<void> {
  let step: Step = 'next';
  try {
    while (step === 'next') {
      const send = channel.queue[0];
      if (!send || conn.removed) step = 'stop';
      else if (conn.status !== 'connected') step = 'offline';
      else step = await attemptSend(env, conn, channel, send);
    }
  } catch (error) {
    env.ctx.logger.error('accordkit store: send queue failed', { error: error instanceof Error ? error.message : String(error) });
    step = 'stop';
  }
  if (step === 'offline') markQueue(env.ctx, channel, 'queued');
  if (step !== 'wait') {
    channel.busy = false;
    conn.outbox.tidy(channel);
  }
}

/** Shows the channel's waiting sends as `state` (queued while the connection is down). */
export function markQueue(ctx: StateContext, channel: ChannelOutbox, state: 'queued' | 'sending'): void {
  const changed: PendingSend[] = [];
  for (const send of channel.queue) {
    if (send.entry.pending === state) continue;
    send.entry.pending = state;
    changed.push(send);
  }
  if (changed.length === 0) return;
  channel.changed();
  for (const send of changed) emitSendChanged(ctx, send);
}

async function attemptSend(env: SendEnv, conn: ServerConnection, channel: ChannelOutbox, send: PendingSend): Promise<Step> {
  const ctx = env.ctx;
  markQueue(ctx, channel, 'sending');
  if (send.firstPostAt === null) {
    send.firstPostAt = ctx.clock.now();
    send.floorId = newestMessageId(conn.cache, send.channelId);
  }
  let message: Message | undefined;
  send.inRequest = true;
  try {
    // Its earlier answer was lost: it may be there already, and must not be posted twice.
    if (send.uncertain) message = await findPosted(conn, channel, send);
    if (message === undefined) {
      send.uncertain = false;
      if (!send.counted) {
        send.counted = true;
        beginAwaiting(conn.outbox, channel);
      }
      message = await conn.client.rest.createMessage(send.channelId, bodyOf(send));
    }
  } catch (error) {
    send.inRequest = false;
    return afterFailure(env, conn, channel, send, error);
  }
  send.inRequest = false;
  if (conn.removed || send.settle === null) return 'stop';
  confirmSend(ctx, conn, channel, send, message);
  return 'next';
}

function bodyOf(send: PendingSend): StoreCreateMessageBody {
  const body: StoreCreateMessageBody = { content: send.content };
  if (send.replyTo !== null) body.reply_to = send.replyTo;
  if (send.threadId !== null) body.thread_id = send.threadId;
  return body;
}

function afterFailure(env: SendEnv, conn: ServerConnection, channel: ChannelOutbox, send: PendingSend, error: unknown): Step {
  const ctx = env.ctx;
  if (conn.removed || send.settle === null) return 'stop';
  const kind = failureKind(error);
  if (kind === 'refused') {
    failSend(ctx, conn, channel, send, error);
    return 'next';
  }
  if (kind === 'unknown') {
    // No answer: the server may have it. It stays counted (its create, if any, is held).
    if (send.counted) send.uncertain = true;
    if (conn.status !== 'connected') return 'offline';
  } else if (!send.uncertain) {
    stopAwaiting(ctx, conn, channel, send);
  }
  send.attempts++;
  if (send.attempts >= env.policy.attempts) {
    failSend(ctx, conn, channel, send, error);
    return 'next';
  }
  const backoff = Math.min(env.policy.maxDelayMs, env.policy.baseDelayMs * 2 ** (send.attempts - 1));
  const delay = Math.max(backoff, retryAfterOf(error) ?? 0);
  channel.timer = ctx.clock.setTimeout(() => {
    channel.timer = null;
    channel.busy = false;
    pumpChannel(env, conn, channel);
  }, delay);
  return 'wait';
}
