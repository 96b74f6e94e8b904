import { randomUUID } from 'node:crypto';
import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import { eventually, type TestSystem } from './embedded-system';

export interface IssuedEntry {
  diplomaId: string;
  registerLabel: string;
  serial: string;
  fullName: string;
  birthDate: string;
}

/**
 * The Sở issues the 2,000-row THPT fixture over HTTP, as an office would: signer, lot, decision upload,
 * print run, printing, signature. Returns the print job once the projector has it.
 */
export async function issueThptCohortOverHttp(t: TestSystem, options: { rows?: number } = {}): Promise<IssuedEntry[]> {
  await t.given({
    type: 'RegisterSigner',
    signerId: 'gd-sgd-hp',
    authorityCode: 'SGD-HP',
    fullName: 'Nguyễn Văn An',
    title: 'Giám đốc',
    role: 'head',
    validFrom: '2020-01-15',
  });
  const ok = async (response: Promise<Response>) => {
    const r = await response;
    if (r.status >= 300) throw new Error(`${r.status} ${await r.text()}`);
    return r;
  };
  await ok(
    t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
      body: { roles: ['administrator', 'registrar', 'signer'], includeSubordinates: true },
    }),
  );
  const lot = {
    kind: 'THPT',
    templateVersion: 'TT21-2019',
    prefix: 'HP',
    width: 7,
    supplier: 'Nhà in Bộ GDĐT',
    deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
    receivedBy: 'Nguyễn Thị Lan',
    receivedOn: '2024-05-20',
  };
  await ok(
    t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots', { body: { ...lot, lotId: 'HP-2024-THPT-1', from: 200001, to: 212000 } }),
  );
  const form = new FormData();
  for (const [name, value] of Object.entries({
    decisionId: 'sgd-hp-1234-2024',
    number: '1234/QĐ-SGDĐT',
    date: '2024-07-20',
    kind: 'THPT',
    schoolYear: '2023-2024',
    examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
  }))
    form.append(name, value);
  if (options.rows === undefined) form.append('file', new Blob([fixture('graduates-thpt-2024.xlsx')]), 'graduates-thpt-2024.xlsx');
  // A few rows of the same list, for tests about what happens after issuance rather than about volume.
  else
    form.append(
      'file',
      new Blob([
        Buffer.from(fixture('graduates-thpt-2024.csv'))
          .toString('utf8')
          .split('\n')
          .slice(0, options.rows + 1)
          .join('\n'),
      ]),
      'graduates-thpt-2024.csv',
    );
  await ok(
    fetch(`${t.api}/api/v1/authorities/SGD-HP/decisions`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${t.adminToken}`, 'idempotency-key': randomUUID() },
    }),
  );
  await ok(
    t.request('POST', '/api/v1/authorities/SGD-HP/print-runs', {
      body: {
        printRunId: 'thpt-2024-dot-1',
        decisionId: 'sgd-hp-1234-2024',
        lotId: 'HP-2024-THPT-1',
        templateVersion: 'TT21-2019',
        openedOn: '2024-08-05',
      },
    }),
  );
  await ok(t.request('POST', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/printing', { body: { printedOn: '2024-08-06' } }));
  await ok(
    t.request('POST', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/signature', {
      body: { signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
    }),
  );
  for (let i = 0; i < 300; i += 1) {
    const run = (await (await eventually(() => t.request('GET', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1'))).json()) as {
      status: string;
      entries: IssuedEntry[];
    };
    if (run.status === 'signed') return run.entries;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the print run never showed as signed');
}
