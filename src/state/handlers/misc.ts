import type {
  ChannelMuteData,
  EmojiDeleteData,
  EmojiEventData,
  Interaction,
  ReadStateUpdateData,
  Relationship,
  RelationshipRemoveData,
  SoundDeleteData,
  SoundEventData,
  SoundPlayData,
} from '../../models/index.js';
import type { ServerConnection } from '../connection.js';
import type { HandlerContext, HandlerTable } from './context.js';
import { readStateTouches } from './touch-log.js';

function onEmojiChange(ctx: HandlerContext, conn: ServerConnection, data: EmojiEventData | EmojiDeleteData): void {
  if (conn.cache.spaces.has(data.space_id)) ctx.emit('emojisUpdated', data.space_id);
}

function onSoundboardChange(ctx: HandlerContext, conn: ServerConnection, data: SoundEventData | SoundDeleteData): void {
  if (conn.cache.spaces.has(data.space_id)) ctx.emit('soundboardUpdated', data.space_id);
}

/** `{space_id, sound, user_id}` on the wire; `sound_id` accepted too. */
function onSoundboardPlay(ctx: HandlerContext, conn: ServerConnection, data: SoundPlayData): void {
  if (!conn.cache.spaces.has(data.space_id)) return;
  const soundId = data.sound?.id || data.sound_id;
  if (!soundId) return;
  ctx.emit('soundboardPlayed', data.space_id, soundId, data.user_id);
}

/** No interaction UI: wired so the event is not dropped silently, nothing to cache. */
function onInteractionCreate(_ctx: HandlerContext, _conn: ServerConnection, _interaction: Interaction): void {}

function onRelationshipUpsert(_ctx: HandlerContext, conn: ServerConnection, relationship: Relationship): void {
  conn.cache.relationships.set(relationship.id, relationship);
}

function onRelationshipRemove(_ctx: HandlerContext, conn: ServerConnection, data: RelationshipRemoveData): void {
  conn.cache.relationships.delete(data.user_id);
}

/** Another session of mine read the channel (POST /channels/{id}/ack). */
function onReadStateUpdate(ctx: HandlerContext, conn: ServerConnection, data: ReadStateUpdateData): void {
  const cache = conn.cache;
  if (!cache.isKnownChannel(data.channel_id)) return;
  readStateTouches.touch(conn, data.channel_id);
  const changed = cache.unread.delete(data.channel_id) || cache.mentions.has(data.channel_id);
  if (data.mention_count > 0) cache.mentions.set(data.channel_id, data.mention_count);
  else cache.mentions.delete(data.channel_id);
  if (changed) ctx.emit('messagesUpdated', data.channel_id);
}

function onChannelMuteCreate(_ctx: HandlerContext, conn: ServerConnection, data: ChannelMuteData): void {
  conn.cache.mutes.add(data.channel_id);
}

function onChannelMuteDelete(_ctx: HandlerContext, conn: ServerConnection, data: ChannelMuteData): void {
  conn.cache.mutes.delete(data.channel_id);
}

export const miscHandlers: HandlerTable = {
  'emoji.create': onEmojiChange,
  'emoji.update': onEmojiChange,
  'emoji.delete': onEmojiChange,
  'soundboard.create': onSoundboardChange,
  'soundboard.update': onSoundboardChange,
  'soundboard.delete': onSoundboardChange,
  'soundboard.play': onSoundboardPlay,
  'interaction.create': onInteractionCreate,
  'relationship.add': onRelationshipUpsert,
  'relationship.update': onRelationshipUpsert,
  'relationship.remove': onRelationshipRemove,
  'read_state.update': onReadStateUpdate,
  'channel_mute.create': onChannelMuteCreate,
  'channel_mute.delete': onChannelMuteDelete,
};
