import type { Reaction } from '../../models/index.js';

/** Who reacted, besides me (`me` covers me): one id as a plain string, more as a Set. */
export type Known = string | Set<string> | undefined;

/**
 * Reactions loaded over REST or READY are plain wire objects: their reactors go under this
 * non-enumerable symbol, so they stay out of JSON, Object.keys and deep equality.
 */
const REACTORS: unique symbol = Symbol('accordkit.reactors');

interface TaggedReaction extends Reaction {
  [REACTORS]?: Known;
}

/**
 * A reaction the store creates from events. Its reactors are a private field: set as part of the
 * object's shape instead of by defineProperty on every new reaction, and just as invisible to
 * JSON, Object.keys and deep equality. Either way the reactors leave with an evicted message and
 * cost scavenges nothing (unlike a WeakMap's ephemeron entries).
 */
export class EventReaction implements Reaction {
  emoji: Reaction['emoji'];
  count = 0;
  me = false;
  #reactors: Known = undefined;

  constructor(name: string) {
    this.emoji = { id: null, name };
  }

  static get(reaction: Reaction): Known {
    return #reactors in reaction ? reaction.#reactors : (reaction as TaggedReaction)[REACTORS];
  }

  static set(reaction: Reaction, known: Known): void {
    if (#reactors in reaction) reaction.#reactors = known;
    else if (REACTORS in reaction) (reaction as TaggedReaction)[REACTORS] = known;
    else Object.defineProperty(reaction, REACTORS, { value: known, writable: true, enumerable: false, configurable: true });
  }
}

/** Reactors of any reaction (event-built or loaded), read and written the same way. */
export const reactors = {
  get: EventReaction.get,
  set: EventReaction.set,
  delete(reaction: Reaction): void {
    if (EventReaction.get(reaction) !== undefined) EventReaction.set(reaction, undefined);
  },
};
