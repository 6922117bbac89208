/** Small pure helpers the views share: names, initials, colours, times and server labels. */

export interface NamedUser {
  id: string;
  username?: string | null;
  display_name?: string | null;
}

export function displayName(user: NamedUser | undefined, fallbackId = 'unknown'): string {
  if (!user) return fallbackId;
  return user.display_name || user.username || user.id;
}

export function initials(name: string): string {
  const words = name.trim().split(/[\s._-]+/).filter(Boolean);
  if (words.length >= 2) return `${(words[0] ?? '').charAt(0)}${(words[1] ?? '').charAt(0)}`.toUpperCase();
  return name.trim().slice(0, 2).toUpperCase();
}

const PALETTE = ['#5865f2', '#3ba55c', '#faa61a', '#ed4245', '#eb459e', '#9b59b6', '#1abc9c', '#e67e22'];

/** A stable colour per id, so a person keeps their avatar colour across reloads. */
export function colorFor(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#5865f2';
}

/** Server timestamps are "YYYY-MM-DD HH:MM:SS" in UTC without a zone; read them as UTC. */
export function parseServerTime(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const iso = value.includes('T') ? value : value.replace(' ', 'T');
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatTime(value: string | null | undefined): string {
  const date = parseServerTime(value);
  if (!date) return '';
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "14:05": short enough for the gutter beside a continued message. */
export function formatClock(value: string | null | undefined): string {
  const date = parseServerTime(value);
  if (!date) return '';
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}

export function formatFullTime(value: string | null | undefined): string {
  const date = parseServerTime(value);
  return date ? date.toLocaleString() : '';
}

/** "this server" for the page's own origin, else the host; the short form fits the rail. */
export function labelFor(baseUrl: string, pageBaseUrl: string): { full: string; short: string } {
  try {
    const url = new URL(baseUrl);
    if (url.origin === new URL(pageBaseUrl).origin) return { full: 'this server', short: 'home' };
    const loopback = url.hostname === 'localhost' || url.hostname.startsWith('127.') || url.hostname === '[::1]';
    return { full: url.host, short: loopback && url.port ? `:${url.port}` : (url.hostname.split('.')[0] ?? url.host) };
  } catch {
    return { full: baseUrl, short: baseUrl };
  }
}
