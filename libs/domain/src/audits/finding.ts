import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError } from '../shared/errors';
import { requireOptionalText, requirePattern, requireText, throwIfInvalid } from '../shared/validation';

/**
 * A fraud-audit finding (docs/domain.md §6, issue 15): what a detection saw, and how the office handled
 * it. Handling is recorded as events so that the handling itself can be audited: who acknowledged,
 * to whom it was assigned, who closed it and why. A finding seen again after it was closed reopens.
 */
export function findingStream(findingId: string): string {
  return `audit-finding-${findingId}`;
}

export const FINDING_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_STATES = ['open', 'acknowledged', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATES)[number];

/** A sighting as the detection reported it; `occurrences` only grows, so a resend is recognised. */
export interface FindingSighting {
  readonly pattern: string;
  readonly severity: FindingSeverity;
  readonly authorityCode: string;
  readonly subject: string;
  readonly summaryVi: string;
  readonly summaryEn: string;
  readonly policeReferral: boolean;
  readonly facts: Readonly<Record<string, unknown>>;
  readonly links: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly occurrences: number;
}

export type FindingEvent =
  | DomainEvent<'FindingRaised', { findingId: string; detectionKey: string } & FindingSighting>
  | DomainEvent<
      'FindingSeenAgain',
      { findingId: string; lastSeen: string; occurrences: number; severity: FindingSeverity; facts: Readonly<Record<string, unknown>> }
    >
  | DomainEvent<
      'FindingReopened',
      { findingId: string; lastSeen: string; occurrences: number; facts: Readonly<Record<string, unknown>>; reopenedAt: string }
    >
  | DomainEvent<'FindingAcknowledged', { findingId: string; by: string; at: string; note: string | null }>
  | DomainEvent<'FindingAssigned', { findingId: string; assignee: string; by: string; at: string; note: string | null }>
  | DomainEvent<'FindingClosed', { findingId: string; by: string; at: string; note: string }>;

export type FindingCommand =
  | { type: 'RecordSighting'; findingId: string; detectionKey: string; sighting: FindingSighting }
  | { type: 'AcknowledgeFinding'; findingId: string; note?: string | null }
  | { type: 'AssignFinding'; findingId: string; assignee: string; note?: string | null }
  | { type: 'CloseFinding'; findingId: string; note: string };

export type FindingState =
  | { readonly status: 'none' }
  | { readonly status: FindingStatus; readonly authorityCode: string; readonly occurrences: number; readonly assignee: string | null };

export const findingDecider: Decider<FindingCommand, FindingState, FindingEvent> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    switch (event.type) {
      case 'FindingRaised':
        return { status: 'open', authorityCode: event.data.authorityCode, occurrences: event.data.occurrences, assignee: null };
      case 'FindingSeenAgain':
        return state.status === 'none' ? state : { ...state, occurrences: event.data.occurrences };
      case 'FindingReopened':
        return state.status === 'none' ? state : { ...state, status: 'open', occurrences: event.data.occurrences };
      case 'FindingAcknowledged':
        return state.status === 'none' ? state : { ...state, status: 'acknowledged' };
      case 'FindingAssigned':
        return state.status === 'none' ? state : { ...state, assignee: event.data.assignee };
      case 'FindingClosed':
        return state.status === 'none' ? state : { ...state, status: 'closed' };
    }
  },
  decide(command, state, context) {
    const by = context.actor.officerId;
    const at = context.occurredAt;
    if (command.type === 'RecordSighting') {
      const s = command.sighting;
      if (state.status === 'none')
        return [{ type: 'FindingRaised', data: { findingId: command.findingId, detectionKey: command.detectionKey, ...s } }];
      // Sightings arrive again after a crash or a resweep: only a higher count is news.
      if (s.occurrences <= state.occurrences) return [];
      if (state.status === 'closed')
        return [
          {
            type: 'FindingReopened',
            data: { findingId: command.findingId, lastSeen: s.lastSeen, occurrences: s.occurrences, facts: s.facts, reopenedAt: at },
          },
        ];
      return [
        {
          type: 'FindingSeenAgain',
          data: { findingId: command.findingId, lastSeen: s.lastSeen, occurrences: s.occurrences, severity: s.severity, facts: s.facts },
        },
      ];
    }
    if (state.status === 'none') {
      throw new DomainError({
        code: 'FINDING_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có phát hiện kiểm tra này.',
        messageEn: 'No such audit finding.',
        field: 'findingId',
      });
    }
    if (state.status === 'closed') {
      throw new DomainError({
        code: 'FINDING_CLOSED',
        kind: 'conflict',
        messageVi: 'Phát hiện này đã được đóng.',
        messageEn: 'This finding is already closed.',
        field: 'findingId',
      });
    }
    switch (command.type) {
      case 'AcknowledgeFinding':
        throwIfInvalid(requireOptionalText('note', command.note, 2000));
        if (state.status === 'acknowledged') return [];
        return [{ type: 'FindingAcknowledged', data: { findingId: command.findingId, by, at, note: command.note?.trim() || null } }];
      case 'AssignFinding':
        throwIfInvalid(
          requirePattern('assignee', command.assignee, /^[a-z0-9][a-z0-9._-]{1,63}$/, 'là mã cán bộ', 'must be an officer id'),
          requireOptionalText('note', command.note, 2000),
        );
        if (state.assignee === command.assignee) return [];
        return [
          {
            type: 'FindingAssigned',
            data: { findingId: command.findingId, assignee: command.assignee, by, at, note: command.note?.trim() || null },
          },
        ];
      case 'CloseFinding':
        throwIfInvalid(requireText('note', command.note, 2000));
        return [{ type: 'FindingClosed', data: { findingId: command.findingId, by, at, note: command.note.trim() } }];
    }
  },
};
