/**
 * The server's truth read straight over REST with `fetch` (not through the SDK under test, so an
 * SDK bug cannot hide itself). Only the reads a convergence check needs.
 */
export interface TruthChannel {
  id: string;
  type: string;
  name: string | null;
  topic: string | null;
  position: number;
  parent_id: string | null;
  space_id: string | null;
}

export interface TruthReaction {
  emoji: { id: string | null; name: string };
  count: number;
  me: boolean;
}

export interface TruthMessage {
  id: string;
  channel_id: string;
  author_id: string;
  content: string;
  edited_at: string | null;
  pinned?: boolean;
  reactions: TruthReaction[] | null;
}

export interface TruthMember {
  user_id: string;
  nickname: string | null;
  roles: string[];
}

export interface TruthRole {
  id: string;
  name: string;
  position: number;
  color: number;
  permissions: string[];
}

export interface TruthVoiceState {
  user_id: string;
  channel_id: string | null;
  self_mute: boolean;
  self_deaf: boolean;
  self_video: boolean;
  self_stream: boolean;
}

export interface TruthUnread {
  channel_id: string;
  last_message_id: string | null;
  last_read_message_id: string | null;
}

export class TruthRequestError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    detail: string,
  ) {
    super(`GET ${path}: ${status} ${detail}`);
    this.name = 'TruthRequestError';
  }
}

export interface RestTruthOptions {
  baseUrl: string;
  /**
   * The raw token (no scheme), or several tokens of the same user used in turn: the REST
   * limiter keys its buckets by Authorization header, so a pool spreads the reads. Tokens never
   * appear in errors.
   */
  token: string | readonly string[];
  tokenType?: 'Bearer' | 'Bot';
  /** Give up on 429s after this many retries (default 5). */
  maxRetries?: number;
  fetch?: typeof fetch;
}

export class RestTruth {
  private readonly api: string;
  private readonly authorizations: string[];
  private turn = 0;
  private readonly maxRetries: number;
  private readonly fetchImpl: typeof fetch;
  /** Requests made, for reports. */
  requests = 0;

  constructor(options: RestTruthOptions) {
    this.api = `${options.baseUrl.replace(/\/+$/, '')}/api/v1`;
    const tokens = typeof options.token === 'string' ? [options.token] : [...options.token];
    if (tokens.length === 0) throw new RangeError('RestTruth needs a token');
    this.authorizations = tokens.map((token) => `${options.tokenType ?? 'Bearer'} ${token}`);
    this.maxRetries = options.maxRetries ?? 5;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** The spaces the user is a member of. */
  spaces(): Promise<{ id: string }[]> {
    return this.get('/users/@me/spaces');
  }

  channels(spaceId: string): Promise<TruthChannel[]> {
    return this.get(`/spaces/${encodeURIComponent(spaceId)}/channels`);
  }

  roles(spaceId: string): Promise<TruthRole[]> {
    return this.get(`/spaces/${encodeURIComponent(spaceId)}/roles`);
  }

  /** Every member, following the `after` cursor. */
  async members(spaceId: string): Promise<TruthMember[]> {
    const out: TruthMember[] = [];
    let after = '';
    for (;;) {
      const query = after ? `?limit=1000&after=${encodeURIComponent(after)}` : '?limit=1000';
      const page = await this.getPage<TruthMember>(`/spaces/${encodeURIComponent(spaceId)}/members${query}`);
      out.push(...page.data);
      const last = page.data[page.data.length - 1];
      if (!page.hasMore || !last) return out;
      after = last.user_id;
    }
  }

  /** The newest `limit` top-level messages, returned oldest first. */
  async messages(channelId: string, limit: number): Promise<TruthMessage[]> {
    const newestFirst = await this.get<TruthMessage[]>(`/channels/${encodeURIComponent(channelId)}/messages?limit=${limit}`);
    return [...newestFirst].reverse();
  }

  /**
   * Every message of the space (thread replies too) whose content contains `query` (a substring,
   * SQL LIKE: avoid `%` and `_`), newest first, following the search cursor.
   */
  async search(spaceId: string, query: string): Promise<TruthMessage[]> {
    const out: TruthMessage[] = [];
    let cursor = '';
    for (;;) {
      const params = new URLSearchParams({ query, limit: '100' });
      if (cursor) params.set('cursor', cursor);
      const page = await this.getPage<TruthMessage>(`/spaces/${encodeURIComponent(spaceId)}/messages/search?${params.toString()}`);
      out.push(...page.data);
      const last = page.data[page.data.length - 1];
      if (!page.hasMore || !last) return out;
      cursor = last.id;
    }
  }

  voiceStates(channelId: string): Promise<TruthVoiceState[]> {
    return this.get(`/channels/${encodeURIComponent(channelId)}/voice-status`);
  }

  readStates(): Promise<TruthUnread[]> {
    return this.get('/users/@me/read-states');
  }

  private async get<T>(path: string): Promise<T> {
    return (await this.getPage<T extends (infer U)[] ? U : never>(path)).data as unknown as T;
  }

  private async getPage<T>(path: string): Promise<{ data: T[]; hasMore: boolean }> {
    for (let attempt = 0; ; attempt++) {
      this.requests++;
      const authorization = this.authorizations[this.turn++ % this.authorizations.length] ?? '';
      const response = await this.fetchImpl(`${this.api}${path}`, { headers: { authorization } });
      if (response.status === 429 && attempt < this.maxRetries) {
        const retryAfter = Number(response.headers.get('retry-after') ?? '1');
        await response.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(retryAfter, 0.05), 5) * 1000));
        continue;
      }
      const text = await response.text();
      if (!response.ok) throw new TruthRequestError(response.status, path, text.slice(0, 200));
      const body = JSON.parse(text) as { data?: unknown; cursor?: { has_more?: boolean } };
      const data = Array.isArray(body.data) ? (body.data as T[]) : [];
      return { data, hasMore: body.cursor?.has_more === true };
    }
  }
}
