import { join } from 'node:path';
import { authorizeAct, letterheadSuperior, signerEntitledOn } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { authorityDirectoryCache, OfficerAccess } from '@so-goc/platform';
import { apiBaseUrl, loadDemoProvinceInto } from './demo-province';

describe('Demo province', () => {
  it('loads a province whose directory answers the questions officers ask, with working tokens, once', async () => {
    const dir = makeTempDir('demo');
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    const tokens = await loadDemoProvinceInto(store);
    const directory = await authorityDirectoryCache(store).current();

    // The district office issued THCS diplomas in 2024; since 01/07/2025 the Sở copies them (rule 46).
    expect(
      authorizeAct(directory, { act: 'issue', diplomaKind: 'THCS', actDate: '2024-06-01', actingAuthorityCode: 'PGD-TN' }).regime.code,
    ).toBe('TT21/2019');
    expect(
      authorizeAct(directory, {
        act: 'copy',
        diplomaKind: 'THCS',
        actDate: '2026-03-02',
        actingAuthorityCode: 'SGD-HP',
        issuerCode: 'PGD-TN',
      }).regime.code,
    ).toBe('TT13/2025');
    // The deputy in charge may sign on 2024-08-10 only (scenario 1, rule 6).
    const deputy = { signerId: 'pgd-sgd-hp', authorityCode: 'SGD-HP', roles: ['head', 'deputy_in_charge'] } as const;
    expect(signerEntitledOn(directory, { ...deputy, date: '2024-08-10' }).delegationRef).toMatch(/512\/QĐ-UBND/);
    expect(() => signerEntitledOn(directory, { ...deputy, date: '2024-08-19' })).toThrow();

    // Issue 17: the Sở's papers are headed by the city's People's Committee, never by the ministry.
    const sgd = directory.authorities.get('SGD-HP')!;
    expect(letterheadSuperior(sgd, directory.authorities.get(sgd.parentCode!))).toBe('Ủy ban nhân dân thành phố Hải Phòng');

    expect(directory.signers.get('gd-sgd-hp')?.officerId).toBe('ky-hp');
    expect(tokens.map((t) => t.username)).toContain('lan.nguyen');
    const access = new OfficerAccess(store);
    for (const officer of tokens) {
      expect((await access.authenticate(`Bearer ${officer.token}`)).officer.username).toBe(officer.username);
    }
    await expect(loadDemoProvinceInto(store)).rejects.toThrow(/empty data directory/);
    await store.close();
    dir.remove();
  });

  it('names the port the API really listens on (issue 17)', () => {
    expect(apiBaseUrl({ host: '127.0.0.1', apiPort: 3100 })).toBe('http://127.0.0.1:3100');
    expect(apiBaseUrl({ host: '0.0.0.0', apiPort: 8080 })).toBe('http://127.0.0.1:8080');
  });
});
