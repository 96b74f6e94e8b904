import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { DomainError, type Actor, type CommandContext } from '@so-goc/domain';
import type { OfficerCommand } from '../write-path/officer-command';

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
  const idempotency =
    idempotencyKey === undefined
      ? undefined
      : { key: commandId, fingerprint: requestFingerprint(request), act: `${request.method} ${request.path}` };
  const correlationId = request.header('x-correlation-id') ?? commandId;
  return {
    commandId,
    correlationId,
    causationId: request.header('x-causation-id') ?? correlationId,
    actor,
    occurredAt: now.toISOString(),
    ...(request.ip !== undefined ? { sourceIp: request.ip } : {}),
    ...(idempotency ? { idempotency } : {}),
  };
}

/**
 * What the request asked for: method, path, body and uploaded file. A resend carries the same
 * fingerprint; the same Idempotency-Key on anything else is a different request (refused with 409).
 */
function requestFingerprint(request: Request): string {
  const hash = createHash('sha256')
    .update(`${request.method} ${request.path}\n`)
    .update(canonicalJson(request.body ?? null));
  const file = (request as Request & { file?: { buffer?: Buffer; sha256?: string } }).file;
  // The streaming upload storage hashed the file as it arrived; hashing 30 MB again here would hold the thread.
  if (file?.sha256) hash.update('\n').update(file.sha256);
  else if (file?.buffer) hash.update('\n').update(file.buffer);
  return hash.digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
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

/** The command an HTTP request asks for: its input, who asks (with the Idempotency-Key) and If-Match. */
export function officerCommandFrom<TCommand extends OfficerCommand<unknown>>(
  Type: new (input: TCommand['input'], context: CommandContext, ifMatch?: bigint) => TCommand,
  input: NoInfer<TCommand['input']>,
  request: Request,
  actor: Actor,
): TCommand {
  return new Type(input, commandContextFrom(request, actor), expectedRevisionFrom(request));
}
