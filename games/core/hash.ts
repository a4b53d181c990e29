/** A stable state hash: SHA-256 over canonical JSON (sorted keys), hex, first 32 chars. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { configure } from 'safe-stable-stringify';

const stringify = configure({ deterministic: true, bigint: true, circularValue: Error });

/** Canonical JSON: object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

export function stableHash(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(value)))).slice(0, 32);
}
