import type { AuthorityDirectory } from '../authorities/authority';
import type { CommandContext } from '../shared/command-context';
import type { IsoDate } from '../shared/dates';
import type { WorkflowDecision } from '../shared/workflow';
import { blankLotDecider, type BlankLotState } from '../blanks/blank-lot.decider';
import { blankLotStream } from '../blanks/blank';
import { formatSerial, parseSerial } from '../blanks/serial-range';
import { diplomaDecider } from './diploma.decider';
import { diplomaStream, type DiplomaEvent, type HolderField, type IssuedDiploma } from './diploma';
import { currentHolder, type DiplomaState } from './diploma-state';
import type { ReissueEvent } from './reissue';

export interface ReissueInput {
  readonly diplomaId: string;
  readonly authorityCode: string;
  readonly decisionNumber: string;
  readonly decisionDate: IsoDate;
  readonly issuerError: string;
  readonly changes: { field: HolderField; after: string }[];
  readonly lotId: string;
  readonly issueDate: IsoDate;
  readonly issuePlace: string;
  readonly signerId: string;
}

/** `x` → `x-r1`, `x-r1` → `x-r2`: the replacement's id shows what it replaces. */
export function replacementDiplomaId(diplomaId: string): string {
  const match = /^(.*)-r(\d+)$/.exec(diplomaId);
  return match ? `${match[1]}-r${Number(match[2]) + 1}` : `${diplomaId}-r1`;
}

export interface ReissueRead {
  readonly old: { readonly issued: IssuedDiploma; readonly state: DiplomaState; readonly events: readonly DiplomaEvent[] };
  readonly lot: BlankLotState;
  readonly replacement: DiplomaState;
  readonly directory: AuthorityDirectory;
}

/**
 * Rules 36–39: the old diploma is revoked for the issuer's error and superseded; a new one goes on a new
 * blank with the appendix number. Three streams, decided together before any append: the lot binds the
 * next blank to the replacement, the old diploma records the reissue, the replacement's stream starts.
 * A cut-short earlier attempt is recognised step by step (the blank already bound to the replacement,
 * the old diploma already superseded by it), so a resend completes it and never takes a second blank.
 */
export function decideReissue(input: ReissueInput, read: ReissueRead, context: CommandContext): WorkflowDecision {
  const newDiplomaId = replacementDiplomaId(input.diplomaId);
  const oldStream = diplomaStream(input.diplomaId);
  const newStream = diplomaStream(newDiplomaId);
  if (read.replacement.reissuedFrom !== null) return { appends: [], primaryStream: newStream };
  const bindingRun = `reissue-${newDiplomaId}`.slice(0, 64);

  const boundBefore =
    read.lot.status === 'received' ? [...read.lot.diplomaBySerial].find(([, diplomaId]) => diplomaId === newDiplomaId)?.[0] : undefined;
  const lotEvents =
    boundBefore === undefined
      ? blankLotDecider.decide(
          {
            type: 'BindNextBlanks',
            authorityCode: input.authorityCode,
            printRunId: bindingRun,
            diplomaIds: [newDiplomaId],
            boundOn: input.issueDate,
          },
          read.lot,
          context,
        )
      : [];
  const serial = boundBefore ?? lotEvents.flatMap((e) => (e.type === 'BlanksBound' ? e.data.bindings.map((b) => b.serial) : []))[0]!;
  if (read.lot.status !== 'received') throw new Error('unreachable: the lot decider refuses a lot that does not exist');
  const newSerialLabel = formatSerial(read.lot.header.prefix, read.lot.header.width, serial);

  const earlierReissue = read.old.events.find(
    (e): e is Extract<ReissueEvent, { type: 'DiplomaReissued' }> => e.type === 'DiplomaReissued' && e.data.newDiplomaId === newDiplomaId,
  );
  const oldEvents = earlierReissue
    ? []
    : diplomaDecider.decide(
        {
          type: 'ReissueDiploma',
          issued: read.old.issued,
          decisionNumber: input.decisionNumber,
          decisionDate: input.decisionDate,
          issuerError: input.issuerError,
          changes: input.changes,
          newDiplomaId,
          newSerialLabel,
          actingAuthorityCode: input.authorityCode,
          directory: read.directory,
        },
        read.old.state,
        context,
      );
  const reissued = earlierReissue?.data ?? oldEvents.flatMap((e) => (e.type === 'DiplomaReissued' ? [e.data] : []))[0]!;
  const holder = { ...currentHolder(read.old.issued.holder, read.old.state) };
  for (const change of reissued.changes) Object.assign(holder, { [change.field]: change.after });
  const newEvents = diplomaDecider.decide(
    {
      type: 'IssueReplacementDiploma',
      replaced: read.old.issued,
      reissue: reissued,
      holder,
      lotId: input.lotId,
      serial,
      issueDate: input.issueDate,
      issuePlace: input.issuePlace,
      signerId: input.signerId,
      actingAuthorityCode: input.authorityCode,
      directory: read.directory,
    },
    read.replacement,
    context,
  );
  return {
    appends: [
      { stream: blankLotStream(input.lotId), events: lotEvents },
      { stream: oldStream, events: oldEvents },
      { stream: newStream, events: newEvents },
    ],
    primaryStream: newStream,
  };
}

/**
 * The holder brought the revoked paper back (rule 43). The diploma records the return; the paper goes
 * back into its lot as spoiled, to await the destruction council (rule 44). Both are decided before
 * either is appended, so a refusal of one records neither; a resend after the first append completes the second.
 */
export function decideRevokedDiplomaReturned(
  input: { diplomaId: string; authorityCode: string; returnedOn: IsoDate; receivedBy: string },
  read: { diploma: { issued: IssuedDiploma; state: DiplomaState }; lotId: string; lot: BlankLotState },
  context: CommandContext,
): WorkflowDecision {
  const stream = diplomaStream(input.diplomaId);
  const serial = parseSerial(read.diploma.issued.serialLabel);
  const paper =
    serial && read.lot.status === 'received' ? read.lot.segments.find((s) => s.from <= serial.value && serial.value <= s.to) : undefined;
  // A resend after a crash between the two appends (issue 12 item 7): the diploma already records the
  // return and the paper is still bound, so only the paper's part is left, dated by the recorded return.
  const recordedReturn = read.diploma.state.revocation?.returnedOn ?? null;
  const completing = recordedReturn !== null && paper?.status === 'bound';
  const diplomaEvents = completing
    ? []
    : diplomaDecider.decide(
        { type: 'RecordRevokedDiplomaReturned', issued: read.diploma.issued, returnedOn: input.returnedOn, receivedBy: input.receivedBy },
        read.diploma.state,
        context,
      );
  const returnedOn = completing ? recordedReturn : input.returnedOn;
  const lotEvents =
    serial && paper && (completing || diplomaEvents.length > 0)
      ? blankLotDecider.decide(
          {
            type: 'SpoilBlanks',
            authorityCode: paper.holder,
            ranges: [{ from: serial.value, to: serial.value }],
            reason: 'revoked_and_recovered',
            note: `${read.diploma.issued.registerLabel}, trả lại ${returnedOn}`,
            spoiledOn: returnedOn,
          },
          read.lot,
          context,
        )
      : [];
  return {
    appends: [
      { stream, events: diplomaEvents },
      { stream: blankLotStream(read.lotId), events: lotEvents },
    ],
    primaryStream: stream,
  };
}
