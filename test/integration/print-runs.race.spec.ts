import { graduationDecisionDecider, graduationDecisionStream } from '@so-goc/domain';
import { loadState, openPrintRun, recordPrinting } from '@so-goc/platform';
import { printRunView } from '@so-goc/projections';
import { contextAfterTheFacts as context, issuanceWorld } from '../support/issuance-world';

jest.setTimeout(120_000);

describe('Print runs of one office racing (rules 1, 16, 21)', () => {
  it('never share a register number or a serial, and a graduate claimed by two runs is printed by one', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    await world.importDecision('sgd-hp-1234-2024', 'graduates-thpt-2024.xlsx');
    const decision = await loadState(store, graduationDecisionDecider, graduationDecisionStream('sgd-hp-1234-2024'));
    if (decision.status !== 'recorded') throw new Error('decision not recorded');
    const ids = [...decision.graduates.keys()];
    const open = (printRunId: string, graduateIds: string[]) =>
      openPrintRun(
        store,
        {
          printRunId,
          authorityCode: 'SGD-HP',
          decisionId: 'sgd-hp-1234-2024',
          lotId: 'HP-THPT-2024',
          templateVersion: 'TT21-2019',
          openedOn: '2024-08-05',
          graduateIds,
          spareBlanks: 3,
        },
        context(),
      );

    // Four runs at once: three take disjoint schools' worth of graduates, the fourth overlaps the first.
    const outcomes = await Promise.allSettled([
      open('run-a', ids.slice(0, 700)),
      open('run-b', ids.slice(700, 1400)),
      open('run-c', ids.slice(1400)),
      open('run-d', ids.slice(650, 750)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'GRADUATE_ALREADY_IN_PRINT_RUN', problem: { rule: 1 } });
    await Promise.all(
      ['run-a', 'run-b', 'run-c'].map((id) =>
        recordPrinting(store, { printRunId: id, authorityCode: 'SGD-HP', printedOn: '2024-08-06' }, context()),
      ),
    );

    const db = await world.readModels();
    const runs = ['run-a', 'run-b', 'run-c'].map((id) => printRunView(db, id)!);
    const numbers = runs.flatMap((r) => r.entries.map((e) => e.registerNumber)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    const serials = runs.flatMap((r) => r.entries.map((e) => e.serial));
    expect(new Set(serials).size).toBe(2000);
    // Each run's numbers are one consecutive block: a run's diplomas are entered together.
    for (const run of runs) {
      const own = run.entries.map((e) => e.registerNumber);
      expect(own.at(-1)! - own[0]! + 1).toBe(own.length);
    }
    // The refused run left nothing behind: no claim, no reservation, no numbers.
    const after = await loadState(store, graduationDecisionDecider, graduationDecisionStream('sgd-hp-1234-2024'));
    expect(after.status === 'recorded' && [...after.printRunOf.values()].includes('run-d')).toBe(false);
    expect(runs.reduce((sum, r) => sum + r.counts.reserved, 0)).toBe(2009);
    await world.close();
  });
});
