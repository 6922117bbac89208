import { Type, type TSchema } from '@sinclair/typebox';

/** Schema builders that carry the documented default used when the wire omits or garbles a field. */
export const str = (def = '') => Type.String({ default: def });
export const nullableStr = () => Type.Union([Type.String(), Type.Null()], { default: null });
export const nullableNum = () => Type.Union([Type.Number(), Type.Null()], { default: null });
export const bool = (def = false) => Type.Boolean({ default: def });
export const num = (def = 0) => Type.Number({ default: def });
export const strArray = () => Type.Array(Type.String(), { default: [] });
export const arrayOf = <T extends TSchema>(item: T) => Type.Array(item, { default: [] });
export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()], { default: null });
/** Arbitrary client-supplied JSON passed through untouched (activities, metadata, plugin data). */
export const anyJson = () => Type.Unknown();
