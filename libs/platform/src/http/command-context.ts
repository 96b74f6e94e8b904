import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { DomainError, type Actor, type CommandContext } from '@so-goc/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Builds the command context from an HTTP request. The client's Idempotency-Key is the command id, so
 * resending a request (a timeout, a double click) records nothing twice; without one, each request is
 * a new command.
 */
export function commandContextFrom(request: Request, actor: Actor, now: Date = new Date()): CommandContext {
  const idempotencyKey = request.header('idempotency-key');
  if (idempotencyKey !== undefined && !UUID.test(idempotencyKey)) {
    throw new DomainError({
      code: 'BAD_IDEMPOTENCY_KEY',
      kind: 'invalid_input',
      messageVi: 'Idempotency-Key phải là một UUID.',
      messageEn: 'Idempotency-Key must be a UUID.',
      field: 'Idempotency-Key',
    });
  }
  const commandId = (idempotencyKey ?? randomUUID()).toLowerCase();
  const correlationId = request.header('x-correlation-id') ?? commandId;
  return {
    commandId,
    correlationId,
    causationId: request.header('x-causation-id') ?? correlationId,
    actor,
    occurredAt: now.toISOString(),
    ...(request.ip !== undefined ? { sourceIp: request.ip } : {}),
  };
}

/** Reads If-Match (an ETag holding the stream revision the client saw). */
export function expectedRevisionFrom(request: Request): bigint | undefined {
  const header = request.header('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) {
    throw new DomainError({
      code: 'BAD_IF_MATCH',
      kind: 'invalid_input',
      messageVi: 'If-Match phải là ETag nhận được khi đọc hồ sơ (một số phiên bản).',
      messageEn: 'If-Match must be the ETag received when reading the record (a revision number).',
      field: 'If-Match',
    });
  }
  return BigInt(match[1]!);
}

export function etagOf(revision: bigint | number | 'no_stream'): string {
  return `"${String(revision)}"`;
}
