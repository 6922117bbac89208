/**
 * The gateway URL for a server's base URL: same host, `/ws`, ws/wss. The REST base path
 * (`/api/v1`) is stripped because the gateway is not under it (docs/protocol.md §1.1).
 */
export function gatewayUrlFromBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new TypeError(`unsupported base URL scheme '${url.protocol}'`);
  }
  const base = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '').replace(/\/ws$/, '');
  url.pathname = `${base}/ws`;
  url.search = '?v=1&encoding=json';
  url.hash = '';
  return url.toString();
}
