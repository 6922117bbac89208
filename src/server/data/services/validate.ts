import { badRequest, unprocessable } from '../errors.js';

/**
 * Body field readers. A missing required field or a wrong JSON type is a framework-level 422
 * (plain text, as the real server's extractor answers); a bad value is a 400 `invalid_request`.
 */

export type Body = Record<string, unknown>;

export function asBody(value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw unprocessable('request body must be a JSON object');
  }
  return value as Body;
}

const typeError = (key: string, type: string) => unprocessable(`${key}: invalid type, expected ${type}`);

export function reqString(body: Body, key: string): string {
  const value = body[key];
  if (value === undefined || value === null) throw unprocessable(`missing field \`${key}\``);
  if (typeof value !== 'string') throw typeError(key, 'a string');
  return value;
}

export function optString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeError(key, 'a string');
  return value;
}

/** `undefined` = absent, `null` = explicitly cleared. */
export function optNullableString(body: Body, key: string): string | null | undefined {
  if (!(key in body)) return undefined;
  const value = body[key];
  if (value === null) return null;
  if (typeof value !== 'string') throw typeError(key, 'a string or null');
  return value;
}

export function optBool(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw typeError(key, 'a boolean');
  return value;
}

export function optInt(body: Body, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(key, 'an integer');
  return value;
}

export function optNumber(body: Body, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw typeError(key, 'a number');
  return value;
}

export function optStringArray(body: Body, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw typeError(key, 'an array of strings');
  return value as string[];
}

export function checkLength(key: string, value: string, min: number, max: number): string {
  const length = [...value].length;
  if (length < min || length > max) throw badRequest(`${key} must be between ${min} and ${max} characters`);
  return value;
}

export function checkRange(key: string, value: number, min: number, max: number): number {
  if (value < min || value > max) throw badRequest(`${key} must be between ${min} and ${max}`);
  return value;
}

/** `data:<mime>;base64,<payload>` -> its mime type, or a 400. */
export function dataUriMime(key: string, value: string, kind: 'image' | 'audio'): string {
  const match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,[A-Za-z0-9+/=]*$/i.exec(value);
  if (!match?.[1] || !match[1].toLowerCase().startsWith(`${kind}/`)) throw badRequest(`${key} must be a ${kind} data URI`);
  return match[1].toLowerCase();
}

export function extensionFor(mime: string): string {
  const sub = mime.split('/')[1] ?? 'bin';
  return sub === 'jpeg' ? 'jpg' : sub === 'mpeg' ? 'mp3' : sub.replace(/[^a-z0-9]/g, '');
}
