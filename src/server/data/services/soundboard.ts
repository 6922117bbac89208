import { badRequest, notFound } from '../errors.js';
import { compareIds } from '../ids.js';
import type { SoundRecord } from '../records.js';
import { toSound } from '../serialize.js';
import { storedTime } from '../time.js';
import type { Sound } from '../wire.js';
import { requireMember, requireSpace, requireSpacePermission } from './access.js';
import type { ServiceContext } from './context.js';
import { publishToSpace } from './context.js';
import type { Body } from './validate.js';
import { checkLength, dataUriMime, extensionFor, optNumber, optString, reqString } from './validate.js';

function requireSound(ctx: ServiceContext, spaceId: string, soundId: string): SoundRecord {
  const sound = ctx.data.tables.sounds.get(soundId);
  if (sound?.space_id !== spaceId) throw notFound('unknown_sound');
  return sound;
}

function checkVolume(volume: number): number {
  if (volume < 0 || volume > 1) throw badRequest('volume must be between 0 and 1');
  return volume;
}

export function listSounds(ctx: ServiceContext, userId: string, spaceId: string): Sound[] {
  const space = requireSpace(ctx, spaceId);
  requireMember(ctx, space.id, userId);
  return ctx.data.tables.sounds.where('space', space.id).sort((a, b) => compareIds(a.id, b.id)).map(toSound);
}

export function getSound(ctx: ServiceContext, userId: string, spaceId: string, soundId: string): Sound {
  const space = requireSpace(ctx, spaceId);
  requireMember(ctx, space.id, userId);
  return toSound(requireSound(ctx, space.id, soundId));
}

export function createSound(ctx: ServiceContext, userId: string, spaceId: string, body: Body): Sound {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_soundboard');
  const name = checkLength('name', reqString(body, 'name'), 1, 32);
  const mime = dataUriMime('audio', reqString(body, 'audio'), 'audio');
  const id = ctx.data.nextId();
  const now = storedTime(ctx.data.clock.now());
  const sound = ctx.data.tables.sounds.put({
    id,
    space_id: space.id,
    name,
    audio_url: `/cdn/sounds/${space.id}/${id}.${extensionFor(mime)}`,
    volume: checkVolume(optNumber(body, 'volume') ?? 1),
    creator_id: userId,
    created_at: now,
    updated_at: now,
  });
  publishToSpace(ctx, 'soundboard.create', { space_id: space.id, sound: toSound(sound) }, space.id);
  return toSound(sound);
}

export function patchSound(ctx: ServiceContext, userId: string, spaceId: string, soundId: string, body: Body): Sound {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_soundboard');
  const sound = requireSound(ctx, space.id, soundId);
  const name = optString(body, 'name');
  const volume = optNumber(body, 'volume');
  const next = ctx.data.tables.sounds.put({
    ...sound,
    name: name === undefined ? sound.name : checkLength('name', name, 1, 32),
    volume: volume === undefined ? sound.volume : checkVolume(volume),
    updated_at: storedTime(ctx.data.clock.now()),
  });
  publishToSpace(ctx, 'soundboard.update', { space_id: space.id, sound: toSound(next) }, space.id);
  return toSound(next);
}

export function deleteSound(ctx: ServiceContext, userId: string, spaceId: string, soundId: string): void {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'manage_soundboard');
  requireSound(ctx, space.id, soundId);
  ctx.data.tables.sounds.delete(soundId);
  publishToSpace(ctx, 'soundboard.delete', { space_id: space.id, sound_id: soundId }, space.id);
}

/** `soundboard.play` goes to every member of the space, not only voice participants. */
export function playSound(ctx: ServiceContext, userId: string, spaceId: string, soundId: string): void {
  const space = requireSpace(ctx, spaceId);
  requireSpacePermission(ctx, space.id, userId, 'use_soundboard');
  const sound = requireSound(ctx, space.id, soundId);
  publishToSpace(ctx, 'soundboard.play', { space_id: space.id, sound: toSound(sound), user_id: userId }, space.id);
}
