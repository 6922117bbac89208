import type { Page, WebSocketRoute } from 'playwright-core';

/**
 * Makes the page's server unreachable on demand, from the browser's side: while it is down, REST
 * requests are refused and a new gateway socket opens to nobody (no HELLO ever comes); once it is
 * back, those sockets close and the client's reconnect reaches the server again. Install it
 * before the page loads.
 */
export class Reachability {
  private reachable = true;
  private readonly parked: WebSocketRoute[] = [];

  static async install(page: Page): Promise<Reachability> {
    const reach = new Reachability();
    await page.routeWebSocket(/\/ws(\?.*)?$/, (ws) => {
      if (reach.reachable) ws.connectToServer();
      else reach.parked.push(ws);
    });
    await page.route(/\/api\/v1\//, (route) => (reach.reachable ? route.fallback() : route.abort('connectionrefused')));
    return reach;
  }

  down(): void {
    this.reachable = false;
  }

  async up(): Promise<void> {
    this.reachable = true;
    for (const ws of this.parked.splice(0)) await ws.close({ code: 4000, reason: 'the server is back' });
  }
}
