import type { SoundDeleteData, SoundEventData, SoundPlayData } from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { StateContext } from '../context.js';
import type { HandlerTable } from './table.js';

/** Sounds are not cached (the UI asks REST): the signal says when to ask again. */
function onSoundboardChange(ctx: StateContext, conn: ServerConnection, data: SoundEventData | SoundDeleteData): void {
  if (conn.cache.spaces.has(data.space_id)) ctx.emit('soundboardUpdated', data.space_id);
}

/** `{space_id, sound, user_id}` on the wire; `sound_id` accepted too. */
function onSoundboardPlay(ctx: StateContext, conn: ServerConnection, data: SoundPlayData): void {
  if (!conn.cache.spaces.has(data.space_id)) return;
  const soundId = data.sound?.id || data.sound_id;
  if (!soundId) return;
  ctx.emit('soundboardPlayed', data.space_id, soundId, data.user_id);
}

export const soundboardHandlers: HandlerTable = {
  'soundboard.create': onSoundboardChange,
  'soundboard.update': onSoundboardChange,
  'soundboard.delete': onSoundboardChange,
  'soundboard.play': onSoundboardPlay,
};
