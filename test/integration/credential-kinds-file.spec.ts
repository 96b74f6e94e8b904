import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialKindsFileInvalid } from '@so-goc/domain';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { loadConfig, openInfrastructure } from '@so-goc/platform';

/**
 * Issue 18 item 1, deployment: an office adds its kinds of credential as data in a JSON file named by
 * SOGOC_CREDENTIAL_KINDS_FILE. A good file extends the catalogue (and the blank kinds a lot may be received as);
 * a bad one stops the start before anything is opened, listing every problem with its place in the file.
 */
const IT_ADVANCED = {
  code: 'CC-CNTT-NC',
  family: 'certificate',
  nameVi: 'Chứng chỉ ứng dụng công nghệ thông tin nâng cao',
  nameEn: 'IT application certificate, advanced',
  inWordsVi: 'Chứng chỉ ứng dụng công nghệ thông tin nâng cao ({modules})',
  inWordsEn: 'IT application certificate, advanced ({modules})',
  fields: [
    {
      name: 'modules',
      labelVi: 'Mô đun',
      labelEn: 'Modules',
      type: 'choices',
      minCount: 3,
      required: true,
      public: true,
      values: ['IU07', 'IU08', 'IU09', 'IU10'].map((code) => ({ code, vi: code, en: code })),
    },
    { name: 'examDate', labelVi: 'Ngày thi', labelEn: 'Exam date', type: 'date', required: true, public: true },
  ],
  issuers: [{ regimes: ['TT10/2026'], authorityKinds: ['centre'], licenceRequired: true, legalBasis: 'TTLT 17/2016', confidence: 'M' }],
  blankKind: 'CC-CNTT-NC',
  register: {
    titleVi: 'Sổ gốc cấp chứng chỉ ứng dụng CNTT nâng cao',
    titleEn: 'Register of advanced IT certificates',
    numbering: 'per-issuer-kind-year',
  },
  templates: [{ version: 'CC-CNTT-NC-1', validFrom: '2026-01-01', validTo: null, source: 'Sở GDĐT', confidence: 'L' }],
  legalBasis: 'TTLT 17/2016/TTLT-BGDĐT-BTTTT',
};

describe('SOGOC_CREDENTIAL_KINDS_FILE (issue 18)', () => {
  const dir = makeTempDir('kinds-file');
  afterAll(() => dir.remove());

  const open = (name: string, content: string) => {
    writeFileSync(join(dir.path, name), content);
    const dataDir = join(dir.path, `data-${name}`);
    const config = loadConfig({ SOGOC_DATA_DIR: dataDir, SOGOC_CREDENTIAL_KINDS_FILE: name }, dir.path);
    return { config, dataDir };
  };

  it('adds the file’s kinds to the default catalogue, with their blank kinds', async () => {
    const { config } = open('kinds.json', JSON.stringify({ kinds: [IT_ADVANCED] }, null, 2));
    expect(config.credentialKindsFile).toBe(join(dir.path, 'kinds.json'));
    const infrastructure = openInfrastructure(config);
    try {
      const catalogue = infrastructure.credentialKinds!;
      expect(catalogue.entries.map((e) => e.code)).toEqual(['THCS', 'THPT', 'CC-NN', 'CC-UDCNTT', 'GCN-HTCT', 'CC-CNTT-NC']);
      expect(catalogue.blankKinds).toContain('CC-CNTT-NC');
      expect(catalogue.entryForBlankKind('CC-CNTT-NC')?.nameEn).toBe('IT application certificate, advanced');
    } finally {
      await infrastructure.close();
    }
  });

  it('refuses to start on a bad file, naming every problem where it is, and opens nothing', () => {
    const bad = {
      kinds: [
        {
          ...IT_ADVANCED,
          family: 'diploma',
          inWordsVi: 'Chứng chỉ {tier}',
          fields: [{ ...IT_ADVANCED.fields[1], type: 'number' }],
          issuers: [{ ...IT_ADVANCED.issuers[0], authorityKinds: ['centre', 'club'] }],
          templates: [{ version: 'X', validFrom: '01/01/2026', validTo: null, source: 's', confidence: 'M' }],
        },
        { ...IT_ADVANCED, code: 'CC-NN' },
      ],
    };
    const { config, dataDir } = open('bad.json', JSON.stringify(bad));
    let error: unknown;
    try {
      openInfrastructure(config);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CredentialKindsFileInvalid);
    const problems = (error as CredentialKindsFileInvalid).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'kinds[0].family: must be one of certificate, recognition, completion (got "diploma")',
        'kinds[0].fields[0].type: must be one of text, date, choice, choices, score (got "number")',
        'kinds[0].inWordsVi: names {tier}, which is not one of the fields (got "Chứng chỉ {tier}")',
      ]),
    );
    expect(problems.some((p) => p.startsWith('kinds[0].issuers[0].authorityKinds[1]: must be one of') && p.endsWith('(got "club")'))).toBe(
      true,
    );
    expect(problems).toContain('kinds[0].templates[0].validFrom: must be an ISO date (yyyy-mm-dd) (got "01/01/2026")');
    expect((error as Error).message).toContain('bad.json');
    expect(existsSync(dataDir)).toBe(false);

    // A well-formed entry that clashes with the catalogue (a code already there) is refused too.
    const { config: clash } = open('clash.json', JSON.stringify({ kinds: [{ ...IT_ADVANCED, code: 'CC-NN' }] }));
    expect(() => openInfrastructure(clash)).toThrow(/CC-NN is listed twice/);
    const { config: notJson } = open('broken.json', '{ "kinds": [');
    expect(() => openInfrastructure(notJson)).toThrow(/not JSON/);
    const { config: missing } = open('empty.json', '{}');
    expect(() => openInfrastructure({ ...missing, credentialKindsFile: join(dir.path, 'nowhere.json') })).toThrow(/cannot be read/);
  });
});
