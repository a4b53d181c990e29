/**
 * Free-text messages between seats (the dilemmas' cheap talk, Trust-and-Split's negotiation): one
 * schema and one text check, so every game that carries a message refuses the same things at the
 * boundary — more than MAX_MESSAGE UTF-16 code units, and text PostgreSQL cannot store (storable.ts).
 */
import { z } from 'zod';
import { GameError } from './errors.ts';
import { storableString } from './storable.ts';

/**
 * Longest message, in UTF-16 code units: Trust-and-Split's 500 characters (REFERENCES.md;
 * dereckpiche/llm_negotiation configs/tas_rps_*.yaml, `num_message_chars: 500`).
 */
export const MAX_MESSAGE = 500;

const UNSTORABLE_MESSAGE = 'a message may not contain NUL (\\u0000) or an unpaired UTF-16 surrogate';

/** A message in an action: at most MAX_MESSAGE code units of storable text (else SCHEMA at the kernel). */
export const messageSchema = z.string().max(MAX_MESSAGE).refine(storableString, { message: UNSTORABLE_MESSAGE });

/**
 * The same rule for text typed by a person or a language model (`parseAction`).
 * @throws GameError PARSE when the text is too long or cannot be stored.
 */
export function checkMessageText(message: string): string {
  if (message.length > MAX_MESSAGE)
    throw new GameError('PARSE', `a message has at most ${MAX_MESSAGE} characters, got ${message.length}`);
  if (!storableString(message)) throw new GameError('PARSE', UNSTORABLE_MESSAGE);
  return message;
}
