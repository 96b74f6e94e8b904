import { diplomaStream, printRunDecider, printRunStream } from '@so-goc/domain';
import { appendOneAfterAnother, type EventStore } from '@so-goc/event-store';
import { authorityDirectoryCache, loadDiploma, openPrintRun, recordPrinting, signPrintRun } from '@so-goc/platform';
import { loadState } from '@so-goc/platform/issuance/load-state';
import { context, issuanceWorld, signerContext } from '../support/issuance-world';

jest.setTimeout(120_000);

/** The store, cut off (as by a crash) right after its n-th append: later appends never happen. */
function cutAfter(store: EventStore, n: number): EventStore {
  let appends = 0;
  const cutAppend = async (...args: Parameters<EventStore['appendToStream']>) => {
    if (appends >= n) throw new Error('crash');
    appends += 1;
    return store.appendToStream(...args);
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendToStream') return cutAppend;
      // Made one stream at a time (as on EventStoreDB), so the cut can fall between two diplomas' appends.
      if (property === 'appendToStreams')
        return (requests: Parameters<EventStore['appendToStreams']>[0]) => appendOneAfterAnother({ appendToStream: cutAppend }, requests);
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('Signing a print run issues each diploma on its own stream (issue 12, item 3; rules 5, 25)', () => {
  it('a run cut short after its signature and two diplomas is completed by a resend without a key, each diploma issued once', async () => {
    const world = await issuanceWorld();
    const { store } = world;
    await world.importDecision('pgd-tn-88-2024', 'graduates-thcs-2024-nfd.csv', {
      authorityCode: 'PGD-TN',
      kind: 'THCS',
      number: '88/QĐ-PGDĐT',
      date: '2024-06-10',
    });
    const run = { printRunId: 'thcs-tn-2024', authorityCode: 'PGD-TN' };
    await openPrintRun(
      store,
      { ...run, decisionId: 'pgd-tn-88-2024', lotId: 'HP-THCS-2024', templateVersion: 'TT21-2019', openedOn: '2024-06-15' },
      context('PGD-TN'),
    );
    await recordPrinting(store, { ...run, printedOn: '2024-06-16' }, context('PGD-TN'));
    const opened = await loadState(store, printRunDecider, printRunStream(run.printRunId));
    const ids = opened.status === 'none' ? [] : opened.entries.map((e) => e.diplomaId);
    expect(ids).toHaveLength(500);

    // Rule 5: before the signature no diploma exists to hand over, correct or copy.
    await expect(loadDiploma(store, ids[0]!)).rejects.toMatchObject({ code: 'DIPLOMA_NOT_FOUND' });

    const signing = { ...run, signerId: 'tp-pgd-tn', issueDate: '2024-06-20', issuePlace: 'Thuỷ Nguyên' };
    const directory = await authorityDirectoryCache(store).current();
    await expect(signPrintRun(cutAfter(store, 3), directory, signing, signerContext('PGD-TN'))).rejects.toThrow('crash');
    const run1 = await loadState(store, printRunDecider, printRunStream(run.printRunId));
    expect(run1.status).toBe('signed');
    expect((await loadDiploma(store, ids[1]!)).issued.issueDate).toBe('2024-06-20');
    await expect(loadDiploma(store, ids[2]!)).rejects.toMatchObject({ code: 'DIPLOMA_NOT_FOUND' });

    const started = performance.now();
    const resent = await signPrintRun(store, directory, signing, signerContext('PGD-TN'));
    const ms = performance.now() - started;
    expect(resent.alreadyHandled).toBe(false);
    for (const id of ids) {
      const { events } = await store.readStream(diplomaStream(id));
      expect(events.map((e) => e.type)).toEqual(['DiplomaIssued']);
    }
    const holder = await loadDiploma(store, ids[499]!);
    expect(holder.issued).toMatchObject({ printRunId: 'thcs-tn-2024', authorityCode: 'PGD-TN', kind: 'THCS', issueDate: '2024-06-20' });
    expect(holder.issued.holder.fullName).toBe(holder.issued.holder.fullName.normalize('NFC'));
    expect(holder.lotId).toBe('HP-THCS-2024');
    // Nothing left to complete: a further signature is the run's own refusal.
    await expect(signPrintRun(store, directory, signing, signerContext('PGD-TN'))).rejects.toMatchObject({ code: 'PRINT_RUN_WRONG_STATE' });
    process.stdout.write(`completing 498 issuances took ${ms.toFixed(0)} ms\n`);
    await world.close();
  });
});
