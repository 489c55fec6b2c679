// Identifier formats: queue ids are short, time-ordered and readable on a phone call.
import { randomInt } from 'node:crypto';

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type MessageId = Brand<string, 'MessageId'>;
export type SessionId = Brand<string, 'SessionId'>;
export type CredentialId = Brand<number, 'CredentialId'>;
export type RecipientId = Brand<number, 'RecipientId'>;

// Crockford base32: no I, L, O, U, so ids survive being read aloud or retyped.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 9; // 45 bits of milliseconds: good until the year 3084
const COUNTER_CHARS = 4; // 20 bits: a million ids per millisecond before the time part advances
const COUNTER_LIMIT = 32 ** COUNTER_CHARS;

function encode(value: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

/**
 * Makes queue ids that sort by creation time and never repeat within a process:
 * the counter starts at a random point each millisecond and carries into the
 * time part rather than wrapping.
 */
export function createQueueIdGenerator(now: () => number = Date.now): () => MessageId {
  let lastTime = 0;
  let counter = 0;
  return () => {
    const time = now();
    if (time > lastTime) {
      lastTime = time;
      counter = randomInt(COUNTER_LIMIT / 2);
    } else if (++counter >= COUNTER_LIMIT) {
      lastTime += 1;
      counter = 0;
    }
    return (encode(lastTime, TIME_CHARS) + encode(counter, COUNTER_CHARS)) as MessageId;
  };
}

/**
 * Session ids sort by start time as well, so new session rows and their transcript chunks
 * are appended to the end of their B-trees instead of touching a random page each.
 */
export function createSessionIdGenerator(now: () => number = Date.now): (direction: 'inbound' | 'outbound') => SessionId {
  const next = createQueueIdGenerator(now);
  return (direction) => `${direction === 'outbound' ? 'out-' : ''}${next().toLowerCase()}` as SessionId;
}

export const QUEUE_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{13}$/;
