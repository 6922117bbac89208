import { createEmoji, deleteEmoji, getEmoji, listEmojis, patchEmoji } from '../../data/services/emojis.js';
import { createSound, deleteSound, getSound, listSounds, patchSound, playSound } from '../../data/services/soundboard.js';
import { asBody } from '../../data/services/validate.js';
import type { RouteTable } from '../route.js';

/** Emojis and soundboard. */
export function registerExpressionRoutes(r: RouteTable): void {
  r.get('/spaces/:id/emojis', 'user', (req, ctx) => listEmojis(ctx, req.userId, req.param('id')));
  r.post('/spaces/:id/emojis', 'user', async (req, ctx) => createEmoji(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.get('/spaces/:id/emojis/:eid', 'user', (req, ctx) => getEmoji(ctx, req.userId, req.param('id'), req.param('eid')));
  r.patch('/spaces/:id/emojis/:eid', 'user', async (req, ctx) => patchEmoji(ctx, req.userId, req.param('id'), req.param('eid'), asBody(await req.body())));
  r.delete('/spaces/:id/emojis/:eid', 'user', (req, ctx) => deleteEmoji(ctx, req.userId, req.param('id'), req.param('eid')));

  r.get('/spaces/:id/soundboard', 'user', (req, ctx) => listSounds(ctx, req.userId, req.param('id')));
  r.post('/spaces/:id/soundboard', 'user', async (req, ctx) => createSound(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.get('/spaces/:id/soundboard/:sid', 'user', (req, ctx) => getSound(ctx, req.userId, req.param('id'), req.param('sid')));
  r.patch('/spaces/:id/soundboard/:sid', 'user', async (req, ctx) => patchSound(ctx, req.userId, req.param('id'), req.param('sid'), asBody(await req.body())));
  r.delete('/spaces/:id/soundboard/:sid', 'user', (req, ctx) => deleteSound(ctx, req.userId, req.param('id'), req.param('sid')));
  r.post('/spaces/:id/soundboard/:sid/play', 'user', (req, ctx) => playSound(ctx, req.userId, req.param('id'), req.param('sid')));
}
