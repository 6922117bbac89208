import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { memberJson, messageJson, privateUserJson } from '../../../fixtures/wire.js';

/**
 * A small accordserver stand-in for the client integration tests (until the embedded AccordServer
 * serves REST): real HTTP on 127.0.0.1 with the `{data}` / `{error}` envelopes, and a real
 * WebSocket gateway at /ws that does HELLO → IDENTIFY → READY and broadcasts a few events.
 */
export const PASSWORD = 'correct horse battery';
export const USER_TOKEN = '0f'.repeat(32);

const user = privateUserJson();
const memberRow = (userId: string): Record<string, unknown> => memberJson('200', userId);

export interface MiniServer {
  url: string;
  /** Every `METHOD path?query` the REST side served, in order. */
  requests: string[];
  /** Every frame the gateway received, parsed. */
  frames: { op: number; data?: unknown }[];
  /** Close codes of client Close frames. */
  closeCodes: number[];
  /** Decoded emoji of every reaction PUT. */
  reactions: string[];
  close(): Promise<void>;
}

export async function startMiniServer(): Promise<MiniServer> {
  const revoked = new Set<string>();
  const sockets = new Set<WebSocket>();
  let seq = 1;
  let nextMessageId = 500;
  const state = { requests: [] as string[], frames: [] as { op: number; data?: unknown }[], closeCodes: [] as number[], reactions: [] as string[] };

  const broadcast = (type: string, data: unknown) => {
    seq += 1;
    for (const socket of sockets) socket.send(JSON.stringify({ op: 0, type, seq, data }));
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-ratelimit-limit': '70', 'x-ratelimit-remaining': '69', 'x-ratelimit-reset': '1700000060' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { code, message } });

  const readJson = async (req: IncomingMessage): Promise<unknown> => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    return JSON.parse(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    state.requests.push(`${method} ${url.pathname}${url.search}`);
    const path = url.pathname.replace(/^\/api\/v1/, '');
    if (method === 'POST' && path === '/auth/login') {
      const body = (await readJson(req)) as { username?: string; password?: string };
      if (body.username === 'alice' && body.password === PASSWORD) return send(res, 200, { data: { user, token: USER_TOKEN } });
      return fail(res, 401, 'unauthorized', 'invalid credentials');
    }
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${USER_TOKEN}` || revoked.has(USER_TOKEN)) return fail(res, 401, 'unauthorized', 'invalid or missing authentication');
    if (method === 'POST' && path === '/auth/logout') {
      revoked.add(USER_TOKEN);
      return send(res, 200, { data: { ok: true } });
    }
    if (method === 'GET' && path === '/users/@me') return send(res, 200, { data: user });
    const members = /^\/spaces\/200\/members$/.exec(path);
    if (method === 'GET' && members) {
      // This stand-in serves at most 2 members per page, so paging is exercised.
      const all = ['101', '102', '103', '104', '105'];
      const after = url.searchParams.get('after');
      const rest = after ? all.filter((id) => id > after) : all;
      const page = rest.slice(0, Math.min(2, Number(url.searchParams.get('limit') ?? 50)));
      const more = rest.length > page.length;
      const last = page[page.length - 1];
      return send(res, 200, { data: page.map(memberRow), ...(more && last ? { cursor: { after: last, has_more: true } } : {}) });
    }
    const create = /^\/channels\/([^/]+)\/messages$/.exec(path);
    if (method === 'POST' && create) {
      if (req.headers['content-type'] !== 'application/json') {
        res.writeHead(415, { 'content-type': 'text/plain' });
        return res.end('Expected request with `Content-Type: application/json`');
      }
      const body = (await readJson(req)) as { content?: unknown };
      if (typeof body.content !== 'string') {
        res.writeHead(422, { 'content-type': 'text/plain' });
        return res.end('Failed to deserialize the JSON body into the target type: missing field `content`');
      }
      const message = messageJson({ id: String(nextMessageId++), channel_id: create[1], author_id: user.id, content: body.content });
      broadcast('message.create', message);
      return send(res, 200, { data: message });
    }
    const reaction = /^\/channels\/([^/]+)\/messages\/([^/]+)\/reactions\/([^/]+)\/@me$/.exec(url.pathname.replace(/^\/api\/v1/, ''));
    if (method === 'PUT' && reaction) {
      const emoji = decodeURIComponent(reaction[3] ?? '');
      state.reactions.push(emoji);
      broadcast('reaction.add', { channel_id: reaction[1], message_id: reaction[2], user_id: user.id, emoji });
      return send(res, 200, { data: null });
    }
    res.writeHead(404);
    res.end();
  };

  const http: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('bad request');
    });
  });
  const wss = new WebSocketServer({ server: http, path: '/ws' });
  wss.on('connection', (socket) => {
    socket.send(JSON.stringify({ op: 5, data: { heartbeat_interval: 45_000 } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; data?: { token?: string } };
      state.frames.push(frame);
      if (frame.op === 1) socket.send(JSON.stringify({ op: 4 }));
      if (frame.op !== 2) return;
      if (frame.data?.token !== `Bearer ${USER_TOKEN}` || revoked.has(USER_TOKEN)) {
        socket.send(JSON.stringify({ op: 7, data: { resumable: false } }));
        socket.terminate();
        return;
      }
      sockets.add(socket);
      seq = 1;
      const space = { id: '200', name: 'Home', slug: 'home', description: null, icon: null, banner: null, splash: null, owner_id: '100', verification_level: 'none', default_notifications: 'all', explicit_content_filter: 'disabled', vanity_url_code: null, preferred_locale: 'en-US', afk_channel_id: null, afk_timeout: 300, system_channel_id: null, rules_channel_id: null, nsfw_level: 'default', premium_tier: 'none', public: false, allow_guest_access: true, premium_subscription_count: 0, max_members: 500000, created_at: '2024-05-01 12:00:00' };
      const ready = { session_id: '900', user_id: user.id, user, spaces: [space], channels: [], members: [memberRow('100')], roles: [], users: [user], voice_states: [], dm_channels: [], mutes: [], unread: [], presences: [], relationships: [], is_guest: false, api_version: 'v1', server_version: '0.1.32', motd: null };
      socket.send(JSON.stringify({ op: 0, type: 'ready', seq, data: ready }));
    });
    socket.on('close', (code) => {
      sockets.delete(socket);
      state.closeCodes.push(code);
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
