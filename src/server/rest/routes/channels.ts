import { ackChannel, listPins, muteChannel, setPinned, startTyping, unmuteChannel } from '../../data/services/channel-state.js';
import { cancelCall, declineCall, ringCall } from '../../data/services/calls.js';
import { deleteChannel, deleteOverwrite, getChannel, listOverwrites, patchChannel, putOverwrite } from '../../data/services/channels.js';
import { addRecipient, removeRecipient } from '../../data/services/dms.js';
import { createChannelInvite, listChannelInvites } from '../../data/services/invites.js';
import { joinVoice, leaveVoice, voiceStatus } from '../../data/services/voice.js';
import { asBody } from '../../data/services/validate.js';
import type { RouteTable } from '../route.js';

export function registerChannelRoutes(r: RouteTable): void {
  r.get('/channels/:id', 'user', (req, ctx) => getChannel(ctx, req.userId, req.param('id')));
  r.patch('/channels/:id', 'user', async (req, ctx) => patchChannel(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.delete('/channels/:id', 'user', (req, ctx) => deleteChannel(ctx, req.userId, req.param('id')));

  r.get('/channels/:id/permissions', 'user', (req, ctx) => listOverwrites(ctx, req.userId, req.param('id')));
  r.put('/channels/:id/permissions/:oid', 'user', async (req, ctx) =>
    putOverwrite(ctx, req.userId, req.param('id'), req.param('oid'), asBody(await req.body())),
  );
  r.delete('/channels/:id/permissions/:oid', 'user', (req, ctx) => deleteOverwrite(ctx, req.userId, req.param('id'), req.param('oid')));

  r.post('/channels/:id/typing', 'user', async (req, ctx) => startTyping(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.post('/channels/:id/ack', 'user', async (req, ctx) => ackChannel(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.put('/channels/:id/mute', 'user', (req, ctx) => muteChannel(ctx, req.userId, req.param('id')));
  r.delete('/channels/:id/mute', 'user', (req, ctx) => unmuteChannel(ctx, req.userId, req.param('id')));

  r.get('/channels/:id/pins', 'user', (req, ctx) => listPins(ctx, req.userId, req.param('id')));
  r.put('/channels/:id/pins/:mid', 'user', (req, ctx) => setPinned(ctx, req.userId, req.param('id'), req.param('mid'), true));
  r.delete('/channels/:id/pins/:mid', 'user', (req, ctx) => setPinned(ctx, req.userId, req.param('id'), req.param('mid'), false));

  r.post('/channels/:id/voice/join', 'user', async (req, ctx) => joinVoice(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.delete('/channels/:id/voice/leave', 'user', (req, ctx) => leaveVoice(ctx, req.userId, req.param('id')));
  r.put('/channels/:id/recipients/:uid', 'user', (req, ctx) => addRecipient(ctx, req.userId, req.param('id'), req.param('uid')));
  r.delete('/channels/:id/recipients/:uid', 'user', (req, ctx) => removeRecipient(ctx, req.userId, req.param('id'), req.param('uid')));

  r.post('/channels/:id/call/ring', 'user', async (req, ctx) => ringCall(ctx, req.userId, req.param('id'), asBody(await req.body())));
  r.post('/channels/:id/call/decline', 'user', (req, ctx) => declineCall(ctx, req.userId, req.param('id')));
  r.post('/channels/:id/call/cancel', 'user', (req, ctx) => cancelCall(ctx, req.userId, req.param('id')));

  r.get('/channels/:id/voice-status', 'user', (req, ctx) => voiceStatus(ctx, req.userId, req.param('id')));

  r.get('/channels/:id/invites', 'user', (req, ctx) => listChannelInvites(ctx, req.userId, req.param('id')));
  r.post('/channels/:id/invites', 'user', async (req, ctx) => createChannelInvite(ctx, req.userId, req.param('id'), asBody(await req.body())));
}
