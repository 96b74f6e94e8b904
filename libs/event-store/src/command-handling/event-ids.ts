import { createHash } from 'node:crypto';

/**
 * The id of the n-th event a command appends to a stream. Deterministic, so that a retried request
 * (same command id) produces the same ids and the store recognises it instead of appending twice.
 * Formatted as a name-based (version 5 style) UUID because EventStoreDB requires UUIDs.
 */
export function deriveEventId(commandId: string, stream: string, index: number): string {
  const hash = createHash('sha1').update(`${commandId}\u0000${stream}\u0000${index}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
