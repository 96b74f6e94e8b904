/** Who acts, for which authority, in which role. Every event records it (architecture §3). */
export interface Actor {
  readonly officerId: string;
  readonly role: string;
  readonly authorityCode: string;
}

/**
 * What a decision may know besides the command and the state. Built at the edge (HTTP, CLI) from the
 * request; `decide` reads the time from here, never from the machine.
 */
export interface CommandContext {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  /** ISO-8601 instant at which the command was received. */
  readonly occurredAt: string;
  readonly sourceIp?: string;
  /** The client's Idempotency-Key and what the request said, to tell a resend from a reuse of the key. */
  readonly idempotency?: { readonly key: string; readonly fingerprint: string; readonly act: string };
}

/** The metadata stored with every event. */
export interface EventMetadata {
  readonly schemaVersion: number;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly sourceIp?: string;
}

export function metadataFor(context: CommandContext, schemaVersion = 1): EventMetadata {
  return {
    schemaVersion,
    commandId: context.commandId,
    correlationId: context.correlationId,
    causationId: context.causationId,
    actor: context.actor,
    occurredAt: context.occurredAt,
    ...(context.sourceIp !== undefined ? { sourceIp: context.sourceIp } : {}),
  };
}
