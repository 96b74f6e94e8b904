import { verify } from 'node:crypto';
import {
  LOG_CHECKPOINT_STREAM,
  LOG_SIGNING_KEY_OWNER,
  logCheckpointMessage,
  type LogCheckpointEvent,
  type LogCheckpointSignature,
} from '@so-goc/domain';
import type { VerificationKeySet } from '@so-goc/documents';
import { decodeEvent, isHashChained, type ChainAnchor, type ChainReport, type EventStore } from '@so-goc/event-store';

export interface LogVerification {
  readonly ok: boolean;
  readonly chain: ChainReport | undefined;
  readonly checkpointsChecked: number;
  /** Checkpoints whose signature does not verify against the published registry key: forged or altered. */
  readonly badSignatures: readonly { readonly position: string; readonly signedAt: string; readonly why: string }[];
  readonly lines: readonly string[];
}

/**
 * Walks the chain and checks it against every checkpoint whose signature verifies: those recorded in
 * the store and, when given, those published elsewhere (the portal's list, saved by an auditor), which
 * an attacker who rewrote the file together with its checkpoint events cannot take back.
 */
export async function verifyLog(
  store: EventStore,
  keys: VerificationKeySet,
  published: readonly LogCheckpointSignature[] = [],
): Promise<LogVerification> {
  if (!isHashChained(store)) {
    return {
      ok: true,
      chain: undefined,
      checkpointsChecked: 0,
      badSignatures: [],
      lines: ['This event store is not hash-chained (EventStoreDB is append-only by its own design).'],
    };
  }
  const recorded: LogCheckpointSignature[] = (await store.readStream(LOG_CHECKPOINT_STREAM)).events.map(
    (event) => decodeEvent<LogCheckpointEvent>(event).data,
  );
  const badSignatures: LogVerification['badSignatures'][number][] = [];
  const anchors: ChainAnchor[] = [];
  for (const checkpoint of [...recorded, ...published]) {
    const why = signatureProblem(checkpoint, keys);
    if (why) badSignatures.push({ position: String(checkpoint.position), signedAt: String(checkpoint.signedAt), why });
    else anchors.push({ position: BigInt(checkpoint.position), hash: checkpoint.hash, signedAt: checkpoint.signedAt });
  }
  const chain = await store.verifyChain(anchors);
  const lines = [
    chain.ok
      ? `Chain verified: ${chain.eventsChecked} events up to position ${chain.head?.position ?? 0}, ${chain.anchorsMatched} signed checkpoint(s) matched.`
      : `CHAIN BROKEN at position ${chain.break!.position}: ${chain.break!.description}`,
    ...badSignatures.map((bad) => `CHECKPOINT REFUSED (position ${bad.position}, signed ${bad.signedAt}): ${bad.why}`),
  ];
  return {
    ok: chain.ok && badSignatures.length === 0,
    chain,
    checkpointsChecked: anchors.length + badSignatures.length,
    badSignatures,
    lines,
  };
}

function signatureProblem(checkpoint: LogCheckpointSignature, keys: VerificationKeySet): string | undefined {
  const key = keys.keys.get(checkpoint.keyId);
  if (!key) return `signed with key ${checkpoint.keyId}, which is not published`;
  if (key.authorityCode !== LOG_SIGNING_KEY_OWNER)
    return `key ${checkpoint.keyId} belongs to ${key.authorityCode}, not to the registry's log`;
  try {
    if (verify(null, logCheckpointMessage(checkpoint), key.publicKey, Buffer.from(checkpoint.signature, 'base64url'))) return undefined;
  } catch {
    // A malformed signature is simply a bad one.
  }
  return 'the signature does not verify';
}
