import { VERSION_INFO } from '../../data/version.js';
import type { RouteTable } from '../route.js';
import { RawBody } from '../route.js';

/** QUIRK kept: the gateway URL endpoints return a hardcoded, unusable URL (§1.1). */
const FAKE_GATEWAY_URL = 'wss://gateway.accord.local/?v=1&encoding=json';

export function registerMetaRoutes(r: RouteTable): void {
  r.get('/gateway', 'optional', () => ({ url: FAKE_GATEWAY_URL }));
  r.get('/gateway/bot', 'user', () => ({
    url: FAKE_GATEWAY_URL,
    shards: 1,
    session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
  }));
  r.get('/version', 'optional', () => new RawBody({ version: VERSION_INFO.serverVersion, git_sha: VERSION_INFO.gitSha }));
  r.get('/voice/info', 'optional', () => new RawBody({ backend: 'livekit' }));
  r.get('/settings', 'guest', (_req, ctx) => ({
    max_emoji_size: 256 * 1024,
    max_avatar_size: 2 * 1024 * 1024,
    max_sound_size: 1024 * 1024,
    max_attachment_size: 25 * 1024 * 1024,
    max_attachments_per_message: 10,
    server_name: ctx.data.settings.serverName,
    registration_policy: 'open',
    motd: ctx.data.settings.motd,
    tos_enabled: false,
    tos_text: null,
  }));
}
