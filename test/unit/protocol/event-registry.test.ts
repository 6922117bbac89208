import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  EVENT_PARSERS,
  GATEWAY_EVENT_REGISTRY,
  eventParser,
  parseMessage,
  type EventParserTable,
  type GatewayEventMap,
  type Message,
  type RoleDeleteData,
} from '../../../src/models/index.js';
import { GATEWAY_EVENTS, GATEWAY_EVENT_TYPES, intentForEvent, isGatewayEventType, type GatewayEventType } from '../../../src/protocol/index.js';
import type { BusEvent, RawBusEvent } from '../../../src/server/index.js';

// Compile-time half of this file: `npm run typecheck` runs tsc over test/, and tsc fails when a
// line under `@ts-expect-error` compiles. These are the claims "adding an event without a parser
// is a compile error" and "the server's bus only carries listed events".

/** The parser table as it stands covers exactly the registry's names. */
export const complete: EventParserTable<GatewayEventType> = EVENT_PARSERS;

/** A name added to the protocol's registry with no parser beside it does not compile. */
// @ts-expect-error 'thread.create' has no parser in EVENT_PARSERS
export const registryGrew: EventParserTable<GatewayEventType | 'thread.create'> = EVENT_PARSERS;

const { 'typing.start': _dropped, ...withoutTyping } = EVENT_PARSERS;
/** A parser table missing one event's parser does not compile. */
// @ts-expect-error 'typing.start' is missing
export const missingParser: EventParserTable<GatewayEventType> = withoutTyping;

/** A parser for a name the registry does not list does not compile either. */
// @ts-expect-error 'thread.create' is not a GatewayEventType
export const strayParser = { ...EVENT_PARSERS, 'thread.create': parseMessage } satisfies EventParserTable<GatewayEventType>;

/** The embedded server's bus event takes registry names only; a harness injects others as RawBusEvent. */
// @ts-expect-error 'thread.create' is not a GatewayEventType
export const unlistedBusEvent: BusEvent = { type: 'thread.create', data: {} };
export const injected: RawBusEvent = { type: 'thread.create', data: {} };

describe('the event registry (issue 12 §3)', () => {
  it('derives the payload types from the parsers', () => {
    expectTypeOf<GatewayEventMap['message.create']>().toEqualTypeOf<Message>();
    expectTypeOf<GatewayEventMap['role.delete']>().toEqualTypeOf<RoleDeleteData>();
    expectTypeOf<keyof GatewayEventMap>().toEqualTypeOf<GatewayEventType>();
  });

  it('lists every event once, in the registry order, with its intent and its parser', () => {
    expect(GATEWAY_EVENT_TYPES).toEqual(Object.keys(GATEWAY_EVENTS));
    expect(Object.keys(GATEWAY_EVENT_REGISTRY)).toEqual(GATEWAY_EVENT_TYPES);
    for (const type of GATEWAY_EVENT_TYPES) {
      const entry = GATEWAY_EVENT_REGISTRY[type];
      expect(entry.intent, type).toBe(intentForEvent(type));
      expect(entry.intent, type).toBe(GATEWAY_EVENTS[type].intent);
      expect(entry.parse, type).toBe(eventParser(type));
      expect(entry.parse, type).toBe(EVENT_PARSERS[type]);
    }
  });

  it('keeps names that are Object.prototype keys as data', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(isGatewayEventType(name), name).toBe(false);
      expect(intentForEvent(name), name).toBeNull();
      expect(eventParser(name), name).toBeUndefined();
    }
  });
});
