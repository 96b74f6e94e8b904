import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { DIRECTORY, graduate, GRADUATES, OPEN, opened, PRINTED } from '../testing/issuance-fixtures';
import { printOrder, type PrintRunEntry, type PrintRunEvent } from './print-run';
import { printRunDecider } from './print-run.decider';
import { issuanceDeadline } from './issuance-deadline';

const entriesOf = (events: readonly PrintRunEvent[]): PrintRunEntry[] =>
  events.flatMap((e) => (e.type === 'PrintRunEntriesPlanned' ? e.data.entries : []));

const reprinted = (): PrintRunEvent => ({
  type: 'PrintRunItemReprinted',
  data: {
    printRunId: 'run-ngo-quyen',
    diplomaId: GRADUATES[1]!.graduateId,
    registerLabel: '000418/THPT-2024',
    oldSerial: 203417,
    newSerial: 203419,
    newSerialLabel: 'HP 0203419',
    reason: 'misprint',
    note: 'Kẹt giấy',
    reprintedOn: '2024-08-12',
    newlyReserved: false,
  },
});
const signed = (): PrintRunEvent => ({
  type: 'PrintRunSigned',
  data: {
    printRunId: 'run-ngo-quyen',
    signerId: 'gd-hp',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    signerRole: 'head',
    delegationRef: null,
    issueDate: '2024-08-14',
    issuePlace: 'Hải Phòng',
    regime: 'TT21/2019',
    legalBasis: '',
  },
});
const SIGNER = { ...TEST_CONTEXT, actor: { ...TEST_CONTEXT.actor, role: 'signer' } };
const sign = (signerId: string, issueDate: string) => ({
  type: 'SignPrintRun' as const,
  printRunId: 'run-ngo-quyen',
  signerId,
  issueDate,
  issuePlace: 'Hải Phòng',
  directory: DIRECTORY,
});

describe('Print run: register numbers and serials (rules 16, 17, 21, 24)', () => {
  it('rule 21: pairs each diploma, in register order, with the next register number and the next reserved blank', () => {
    const entries = entriesOf(opened());
    expect(entries.map((e) => [e.registerLabel, e.serialLabel])).toEqual([
      ['000417/THPT-2024', 'HP 0203416'],
      ['000418/THPT-2024', 'HP 0203417'],
      ['000419/THPT-2024', 'HP 0203418'],
    ]);
    expect(new Set(entries.map((e) => e.serial)).size).toBe(3);
  });

  it('rule 17: refuses a lot of another kind or template version', () => {
    given(printRunDecider)
      .when({ ...OPEN, lot: { ...OPEN.lot, kind: 'THCS' } })
      .thenRefusedWith('BLANK_TEMPLATE_MISMATCH', { rule: 17 });
    given(printRunDecider)
      .when({ ...OPEN, templateVersion: 'TT10-2026' })
      .thenRefusedWith('BLANK_TEMPLATE_MISMATCH', { rule: 17 });
  });

  it('rule 37: a run prints on the template current on the day it opens, even from a lot of an older one', () => {
    const tt10Lot = { ...OPEN.lot, templateVersion: 'TT10-2026' };
    given(printRunDecider)
      .when({ ...OPEN, lot: tt10Lot, templateVersion: 'TT10-2026' })
      .thenRefusedWith('TEMPLATE_NOT_CURRENT', { rule: 37, field: 'templateVersion' });
  });

  it('rule 16: refuses to open with fewer reserved blanks than diplomas', () => {
    given(printRunDecider)
      .when({ ...OPEN, reserved: [{ from: 1, to: 2 }] })
      .thenRefusedWith('NOT_ENOUGH_BLANKS');
  });

  it('rule 21: refuses when the register entries are not the run’s diplomas in order', () => {
    given(printRunDecider)
      .when({ ...OPEN, register: { ...OPEN.register, diplomaIds: [...OPEN.register.diplomaIds].reverse() } })
      .thenRefusedWith('REGISTER_ENTRIES_MISMATCH');
  });

  it('refuses to open the same run twice', () => {
    given(printRunDecider, opened()).when(OPEN).thenRefusedWith('PRINT_RUN_EXISTS');
  });

  it('marks holders exempt from public listing (§5.1) without changing anything else', () => {
    const events = printRunDecider.decide(
      { ...OPEN, exemptFromPublicListing: { graduateIds: [GRADUATES[2]!.graduateId], basis: 'Công văn 77/CAHP' } },
      printRunDecider.initialState,
      undefined as never,
    );
    expect(entriesOf(events).map((e) => e.exemptFromPublicListing)).toEqual([false, false, true]);
  });
});

describe('Print run: misprint (domain Q4, rule 24)', () => {
  it('Q4: a misprint moves the diploma to the run’s spare blank and keeps its register number', () => {
    given(printRunDecider, [...opened(), PRINTED])
      .when({
        type: 'RecordMisprint',
        printRunId: 'run-ngo-quyen',
        diplomaId: GRADUATES[1]!.graduateId,
        newSerial: 203419,
        newlyReserved: false,
        note: 'Kẹt giấy',
        reprintedOn: '2024-08-12',
      })
      .then([reprinted()]);
  });

  it('rule 16: refuses a replacement that is not a spare of the run, or one already spoiled', () => {
    given(printRunDecider, [...opened(), PRINTED])
      .when({
        type: 'RecordMisprint',
        printRunId: 'run-ngo-quyen',
        diplomaId: GRADUATES[1]!.graduateId,
        newSerial: 203418,
        newlyReserved: false,
        note: 'x',
        reprintedOn: '2024-08-12',
      })
      .thenRefusedWith('REPLACEMENT_BLANK_INVALID');
  });

  it('misprints are recorded after printing and before signing only', () => {
    const command = {
      type: 'RecordMisprint' as const,
      printRunId: 'run-ngo-quyen',
      diplomaId: GRADUATES[1]!.graduateId,
      newSerial: 203419,
      newlyReserved: false,
      note: 'x',
      reprintedOn: '2024-08-12',
    };
    given(printRunDecider, opened()).when(command).thenRefusedWith('PRINT_RUN_WRONG_STATE');
    given(printRunDecider, [...opened(), PRINTED, signed()])
      .when(command)
      .thenRefusedWith('PRINT_RUN_WRONG_STATE');
  });
});

describe('Print run: signing (rules 5, 6, 25)', () => {
  it('issue 17: a registrar prepares but cannot record the signature; a signer can, and only the account linked to the signer', () => {
    const printed = [...opened(), PRINTED];
    given(printRunDecider, printed)
      .when(sign('gd-hp', '2024-08-14'))
      .thenRefusedWith('SIGNATURE_NEEDS_SIGNER_ROLE', { rule: 25, kind: 'forbidden' });
    given(printRunDecider, printed)
      .when(sign('gd-hp', '2024-08-14'), SIGNER)
      .then([expect.objectContaining({ type: 'PrintRunSigned' }) as never]);
    const linked = {
      ...DIRECTORY,
      signers: new Map([...DIRECTORY.signers].map(([id, s]) => [id, id === 'gd-hp' ? { ...s, officerId: 'an.nguyen' } : s])),
    };
    const signLinked = { ...sign('gd-hp', '2024-08-14'), directory: linked };
    given(printRunDecider, printed).when(signLinked, SIGNER).thenRefusedWith('SIGNER_NOT_LINKED_TO_OFFICER', { kind: 'forbidden' });
    given(printRunDecider, printed)
      .when(signLinked, { ...SIGNER, actor: { ...SIGNER.actor, officerId: 'an.nguyen' } })
      .then([expect.objectContaining({ type: 'PrintRunSigned' }) as never]);
  });

  it('rule 25: records the signer entitled on the issue date, with place and date', () => {
    const [event] = printRunDecider.decide(
      sign('gd-hp', '2024-08-14'),
      [...opened(), PRINTED].reduce(printRunDecider.evolve, printRunDecider.initialState),
      SIGNER,
    );
    expect(event).toMatchObject({
      type: 'PrintRunSigned',
      data: { signerName: 'Nguyễn Văn An', issueDate: '2024-08-14', issuePlace: 'Hải Phòng', regime: 'TT21/2019' },
    });
  });

  it('rule 6: a deputy in charge signs with the assignment decision on file', () => {
    const [event] = printRunDecider.decide(
      sign('pgd-hp', '2024-08-20'),
      [...opened(), PRINTED].reduce(printRunDecider.evolve, printRunDecider.initialState),
      SIGNER,
    );
    expect(event).toMatchObject({ data: { signerTitle: 'Phó Giám đốc phụ trách', delegationRef: '512/QĐ-UBND' } });
  });

  it('rule 25: refuses a signer whose mandate does not cover the issue date', () => {
    given(printRunDecider, [...opened(), PRINTED])
      .when(sign('gd-hp', '2024-08-20'), SIGNER)
      .thenRefusedWith('SIGNER_NOT_ENTITLED_ON_DATE', { rule: 25 });
  });

  it('rule 25: refuses an issue date before the graduation decision', () => {
    given(printRunDecider, [...opened(), { ...PRINTED, data: { ...PRINTED.data, printedOn: '2024-07-01' } } as PrintRunEvent])
      .when(sign('gd-hp', '2024-07-19'))
      .thenRefusedWith('DATE_TOO_EARLY', { rule: 25 });
  });

  it('rule 5: a run is signed only once printed, and only once', () => {
    given(printRunDecider, opened()).when(sign('gd-hp', '2024-08-14')).thenRefusedWith('PRINT_RUN_WRONG_STATE', { rule: 5 });
    given(printRunDecider, [...opened(), PRINTED, signed()])
      .when(sign('gd-hp', '2024-08-14'))
      .thenRefusedWith('PRINT_RUN_WRONG_STATE');
  });
});

describe('Print run: closing (docs/domain.md §2.3, rule 16)', () => {
  const close = (ranges: { from: number; to: number }[]) => ({
    type: 'ClosePrintRun' as const,
    printRunId: 'run-ngo-quyen',
    closedOn: '2024-08-20',
    releasedRanges: ranges,
  });

  it('closes when reserved = bound + spoiled + released', () => {
    given(printRunDecider, [...opened(), PRINTED, signed()])
      .when(close([{ from: 203419, to: 203419 }]))
      .then([
        {
          type: 'PrintRunClosed',
          data: {
            printRunId: 'run-ngo-quyen',
            closedOn: '2024-08-20',
            reserved: 4,
            bound: 3,
            spoiled: 0,
            released: 1,
            releasedRanges: [{ from: 203419, to: 203419 }],
          },
        },
      ]);
    given(printRunDecider, [...opened(), PRINTED, reprinted(), signed()])
      .when(close([]))
      .then([
        {
          type: 'PrintRunClosed',
          data: { printRunId: 'run-ngo-quyen', closedOn: '2024-08-20', reserved: 4, bound: 3, spoiled: 1, released: 0, releasedRanges: [] },
        },
      ]);
  });

  it('refuses to close while a blank is unaccounted for, or before signing', () => {
    given(printRunDecider, [...opened(), PRINTED, signed()])
      .when(close([]))
      .thenRefusedWith('PRINT_RUN_UNBALANCED', { rule: 16 });
    given(printRunDecider, [...opened(), PRINTED])
      .when(close([{ from: 203419, to: 203419 }]))
      .thenRefusedWith('PRINT_RUN_WRONG_STATE');
  });
});

describe('Issuance deadline (rule 7)', () => {
  it('rule 7: THPT under TT21 must be issued within 75 days of the decision; under TT10 within 30', () => {
    expect(issuanceDeadline('THPT', '2024-07-20')).toMatchObject({ days: 75, dueBy: '2024-10-03', regime: 'TT21/2019', confirmed: true });
    expect(issuanceDeadline('THPT', '2026-07-10')).toMatchObject({ days: 30, dueBy: '2026-08-09', regime: 'TT10/2026' });
    expect(issuanceDeadline('THCS', '2024-06-01')).toMatchObject({ days: 30, confirmed: false });
  });
});

describe('Register order', () => {
  it('enters diplomas school by school, each school’s graduates by given name then family name (architecture §8)', () => {
    const at = (n: number, fullName: string, school: string) => ({ ...graduate(n, fullName), school });
    const ordered = printOrder([
      at(1, 'Trần Văn Bình', 'Trường THPT Ngô Quyền'),
      at(2, 'Lê Thị Ánh', 'Trường THPT Ngô Quyền'),
      at(3, 'Đỗ Minh Anh', 'Trường THPT Lê Quý Đôn'),
      at(4, 'Nguyễn Thị Thủy', 'Trường THPT Ngô Quyền'),
      at(5, 'Nguyễn Thị Thuỷ', 'Trường THPT Ngô Quyền'),
    ]);
    expect(ordered.map((g) => g.fullName)).toEqual(['Đỗ Minh Anh', 'Lê Thị Ánh', 'Trần Văn Bình', 'Nguyễn Thị Thủy', 'Nguyễn Thị Thuỷ']);
  });
});
