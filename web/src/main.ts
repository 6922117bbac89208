import { App } from './app.js';
import './style.css';

/** Page options come from the query string, e.g. `?typingTimeoutMs=1500&as=alice`. */
function numberParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

const root = document.getElementById('app');
if (!root) throw new Error('the page has no #app element');
const params = new URLSearchParams(location.search);
const typingTimeoutMs = numberParam(params, 'typingTimeoutMs');
const messageCap = numberParam(params, 'messageCap');
const app = new App(root, {
  baseUrl: location.origin,
  ...(typingTimeoutMs !== undefined ? { typingTimeoutMs } : {}),
  ...(messageCap !== undefined ? { messageCap } : {}),
});
void app.start(params.get('as'));
