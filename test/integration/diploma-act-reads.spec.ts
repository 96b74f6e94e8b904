import { diplomaStream } from '@so-goc/domain';
import type { EventStore, ReadStreamOptions, StreamRead } from '@so-goc/event-store';
import {
  BlankSerialQuery,
  DeliverDiploma,
  FindDiplomasQuery,
  loadConfig,
  openCommandBus,
  PrintRunQuery,
  ReissueDiploma,
  RequestCorrection,
  type CommandBusHost,
} from '@so-goc/platform';
import { printRunView } from '@so-goc/projections';
import { contextAfterTheFacts as context, issuanceWorld } from '../support/issuance-world';

jest.setTimeout(120_000);

/** The store as the write path sees it, counting the reads of each stream. */
function countingReads(store: EventStore): { store: EventStore; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const counted: EventStore = {
    readStream(stream: string, options?: ReadStreamOptions): Promise<StreamRead> {
      reads.set(stream, (reads.get(stream) ?? 0) + 1);
      return store.readStream(stream, options);
    },
    appendToStream: (stream, events, expected) => store.appendToStream(stream, events, expected),
    appendToStreams: (appends) => store.appendToStreams(appends),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    close: async () => undefined,
  };
  return { store: counted, reads };
}

describe('An act on a diploma reads its stream once (issue 12): the read that authorizes it is the read it is decided on', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  let host: CommandBusHost;
  let reads: Map<string, number>;
  let entries: { diplomaId: string; fullName: string }[];

  beforeAll(async () => {
    world = await issuanceWorld();
    await world.issueThpt2024();
    const db = await world.readModels();
    entries = printRunView(db, 'thpt-2024')!.entries;
    const counting = countingReads(world.store);
    reads = counting.reads;
    host = await openCommandBus({
      config: loadConfig({ SOGOC_DATA_DIR: world.dir.path }),
      store: counting.store,
      readModels: db,
      close: async () => undefined,
    });
  });
  afterAll(async () => {
    await host.close();
    await world.close();
  });

  it('delivers a diploma (rule 12) reading the diploma stream once', async () => {
    const { diplomaId, fullName } = entries[0]!;
    reads.clear();
    const outcome = await host.bus.execute(
      new DeliverDiploma(
        {
          diplomaId,
          authorityCode: 'SGD-HP',
          recipient: { kind: 'holder', fullName, authorisationRef: null, idDocument: null },
          deliveredOn: '2026-03-05',
          deliveredBy: 'Nguyễn Thị Lan',
        },
        context(),
      ),
    );
    expect(outcome.events.map((event) => event.type)).toEqual(['DiplomaDelivered']);
    expect(reads.get(diplomaStream(diplomaId))).toBe(1);
  });

  it('records a correction request (rule 27) reading the diploma stream once', async () => {
    const { diplomaId, fullName } = entries[1]!;
    reads.clear();
    await host.bus.execute(
      new RequestCorrection(
        {
          diplomaId,
          authorityCode: 'SGD-HP',
          requestId: 'yc-1',
          ground: 'birth_registered_late_or_again',
          changes: [{ field: 'birthDate', after: '2006-01-02' }],
          document: { kind: 'Giấy khai sinh (đăng ký lại)', number: '77/2026', date: '2026-02-20', issuedBy: 'UBND phường Lê Chân' },
          requestedBy: fullName,
          receivedOn: '2026-03-02',
          dossierCompleteOn: '2026-03-02',
        },
        context(),
      ),
    );
    expect(reads.get(diplomaStream(diplomaId))).toBe(1);
  });

  it('reissues (rules 36–39) reading the old diploma stream once, and a stale If-Match refuses it with nothing appended', async () => {
    const { diplomaId, fullName } = entries[2]!;
    const input = {
      diplomaId,
      authorityCode: 'SGD-HP',
      decisionNumber: '7/QĐ-SGDĐT',
      decisionDate: '2026-03-02',
      issuerError: 'Ghi sai họ tên so với quyết định công nhận tốt nghiệp',
      changes: [{ field: 'fullName' as const, after: `${fullName} Anh` }],
      lotId: 'HP-THPT-2024',
      issueDate: '2026-03-03',
      issuePlace: 'Hải Phòng',
      signerId: 'gd-sgd-hp',
    };
    const before = (await world.store.readStream(diplomaStream(diplomaId))).events.length;
    await expect(host.bus.execute(new ReissueDiploma(input, context(), 5n))).rejects.toMatchObject({ code: 'STALE_REVISION' });
    expect((await world.store.readStream(diplomaStream(diplomaId))).events).toHaveLength(before);
    expect((await world.store.readStream(diplomaStream(`${diplomaId}-r1`))).revision).toBe('no_stream');

    reads.clear();
    const outcome = await host.bus.execute(new ReissueDiploma(input, context()));
    expect(outcome.stream).toBe(diplomaStream(`${diplomaId}-r1`));
    // Typed outcome: the replacement's issuance event, read without a cast.
    const issued = outcome.events.find((event) => event.type === 'DiplomaIssuedAsReplacement');
    expect(issued).toBeDefined();
    expect(reads.get(diplomaStream(diplomaId))).toBe(1);
  });

  describe("the officers' queries go through the QueryBus, authorized by the record (issue 12, item 1)", () => {
    it('answers a print run to its authority, typed, and "not found" to another authority', async () => {
      const run = await host.queries.execute(new PrintRunQuery({ authorityCode: 'SGD-HP', printRunId: 'thpt-2024' }));
      expect(run.entries).toHaveLength(entries.length);
      await expect(host.queries.execute(new PrintRunQuery({ authorityCode: 'PGD-TN', printRunId: 'thpt-2024' }))).rejects.toMatchObject({
        code: 'PRINT_RUN_NOT_FOUND',
      });
    });

    it('finds a diploma by name and birth date in the books the authority holds, and refuses an incomplete search', async () => {
      const view = await host.queries.execute(new PrintRunQuery({ authorityCode: 'SGD-HP', printRunId: 'thpt-2024' }));
      const first = view.entries[5]!;
      const found = await host.queries.execute(
        new FindDiplomasQuery({ authorityCode: 'SGD-HP', fullName: first.fullName.normalize('NFD'), birthDate: first.birthDate }),
      );
      expect(found.diplomas.map((d) => d.diplomaId)).toContain(first.diplomaId);
      await expect(
        host.queries.execute(new FindDiplomasQuery({ authorityCode: 'SGD-HP', fullName: first.fullName })),
      ).rejects.toMatchObject({
        code: 'QUERY_INCOMPLETE',
      });
    });

    it('tells an authority the blank never passed through that there is no such blank', async () => {
      const held = await host.queries.execute(new BlankSerialQuery({ authorityCode: 'SGD-HP', serial: 'HP 0200001' }));
      expect(held.holder).toBe('SGD-HP');
      await expect(host.queries.execute(new BlankSerialQuery({ authorityCode: 'PGD-TN', serial: 'HP 0200001' }))).rejects.toMatchObject({
        code: 'BLANK_SERIAL_NOT_FOUND',
      });
    });
  });
});
