import { parseSound, type Sound } from '../../models/sound.js';
import type * as B from '../bodies.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';
import { segment as seg } from '../transport.js';

/** The space soundboard. */
export const soundEndpoints = endpoints({
  listSounds(spaceId: string): Promise<Sound[]> {
    return this[REST_CALLER].list(parseSound, 'sound', 'GET', { path: `/spaces/${seg(spaceId)}/soundboard` });
  },

  getSound(spaceId: string, soundId: string): Promise<Sound> {
    return this[REST_CALLER].one(parseSound, 'sound', 'GET', { path: `/spaces/${seg(spaceId)}/soundboard/${seg(soundId)}` });
  },

  createSound(spaceId: string, body: B.CreateSoundBody): Promise<Sound> {
    return this[REST_CALLER].one(parseSound, 'sound', 'POST', { path: `/spaces/${seg(spaceId)}/soundboard`, body });
  },

  updateSound(spaceId: string, soundId: string, body: B.UpdateSoundBody): Promise<Sound> {
    return this[REST_CALLER].one(parseSound, 'sound', 'PATCH', { path: `/spaces/${seg(spaceId)}/soundboard/${seg(soundId)}`, body });
  },

  async deleteSound(spaceId: string, soundId: string): Promise<void> {
    await this[REST_CALLER].call('DELETE', { path: `/spaces/${seg(spaceId)}/soundboard/${seg(soundId)}` });
  },

  async playSound(spaceId: string, soundId: string): Promise<void> {
    await this[REST_CALLER].call('POST', { path: `/spaces/${seg(spaceId)}/soundboard/${seg(soundId)}/play` });
  },
});

export type SoundEndpoints = typeof soundEndpoints;
