import { given, TEST_CONTEXT } from '../testing/given-when-then';
import type { CommandContext } from '../shared/command-context';
import { signingKeyDirectoryDecider, type SigningKeyDirectoryEvent } from './signing-key-directory';

const hp: CommandContext = { ...TEST_CONTEXT, actor: { officerId: 'cb-01', role: 'registrar', authorityCode: 'SGD-HP' } };
const hn: CommandContext = { ...TEST_CONTEXT, actor: { officerId: 'cb-02', role: 'registrar', authorityCode: 'SGD-HN' } };
const X1 = 'A'.repeat(43);
const X2 = 'B'.repeat(43);

const published: SigningKeyDirectoryEvent = {
  type: 'SigningKeyPublished',
  data: { kid: 'kid-hp-0001', authorityCode: 'SGD-HP', x: X1, createdAt: '2026-01-01T00:00:00.000Z' },
};
const retired: SigningKeyDirectoryEvent = {
  type: 'SigningKeyRetired',
  data: { kid: 'kid-hp-0001', authorityCode: 'SGD-HP', retiredAt: '2026-06-01T00:00:00.000Z' },
};
const publish = {
  type: 'PublishSigningKey',
  kid: 'kid-hp-0001',
  authorityCode: 'SGD-HP',
  x: X1,
  createdAt: '2026-01-01T00:00:00.000Z',
} as const;

describe('Signing key directory (verification tokens, §6 of the domain notes: "sign the payload and publish the key")', () => {
  it("publishes an authority's public key", () => {
    given(signingKeyDirectoryDecider).when(publish, hp).then([published]);
  });

  it('records nothing when the same key is published again (another API node found it in the shared key store)', () => {
    given(signingKeyDirectoryDecider, [published]).when(publish, hp).then([]);
  });

  it('refuses a kid already published for another key', () => {
    given(signingKeyDirectoryDecider, [published])
      .when({ ...publish, x: X2 }, hp)
      .thenRefusedWith('SIGNING_KEY_ID_TAKEN', { kind: 'conflict' });
  });

  it('refuses a second active key for one authority until the first is retired', () => {
    given(signingKeyDirectoryDecider, [published])
      .when({ ...publish, kid: 'kid-hp-0002', x: X2 }, hp)
      .thenRefusedWith('ACTIVE_SIGNING_KEY_EXISTS');
    given(signingKeyDirectoryDecider, [published, retired])
      .when({ ...publish, kid: 'kid-hp-0002', x: X2, createdAt: '2026-06-01T00:00:00.000Z' }, hp)
      .then([
        {
          type: 'SigningKeyPublished',
          data: { kid: 'kid-hp-0002', authorityCode: 'SGD-HP', x: X2, createdAt: '2026-06-01T00:00:00.000Z' },
        },
      ]);
  });

  it("lets no authority publish or retire another's key", () => {
    given(signingKeyDirectoryDecider).when(publish, hn).thenRefusedWith('SIGNING_KEY_OF_ANOTHER_AUTHORITY', { kind: 'forbidden' });
    given(signingKeyDirectoryDecider, [published])
      .when({ type: 'RetireSigningKey', kid: 'kid-hp-0001', retiredAt: '2026-06-01T00:00:00.000Z' }, hn)
      .thenRefusedWith('SIGNING_KEY_OF_ANOTHER_AUTHORITY');
  });

  it('retires a key once; the same retirement again records nothing, another instant is refused', () => {
    const retire = { type: 'RetireSigningKey', kid: 'kid-hp-0001', retiredAt: '2026-06-01T00:00:00.000Z' } as const;
    given(signingKeyDirectoryDecider, [published]).when(retire, hp).then([retired]);
    given(signingKeyDirectoryDecider, [published, retired]).when(retire, hp).then([]);
    given(signingKeyDirectoryDecider, [published, retired])
      .when({ ...retire, retiredAt: '2026-07-01T00:00:00.000Z' }, hp)
      .thenRefusedWith('SIGNING_KEY_ALREADY_RETIRED');
    given(signingKeyDirectoryDecider, [published])
      .when({ ...retire, retiredAt: '2025-01-01T00:00:00.000Z' }, hp)
      .thenRefusedWith('INVALID_INPUT', { field: 'retiredAt' });
    given(signingKeyDirectoryDecider).when(retire, hp).thenRefusedWith('SIGNING_KEY_NOT_FOUND', { kind: 'not_found' });
  });

  it('reports every malformed field of a publication at once', () => {
    const error = given(signingKeyDirectoryDecider)
      .when({ type: 'PublishSigningKey', kid: '../x', authorityCode: 'hp', x: 'short', createdAt: '2026-01-01' }, hp)
      .thenRefusedWith('INVALID_INPUT');
    expect(error.problem.fieldProblems?.map((p) => p.field)).toEqual(['kid', 'authorityCode', 'x', 'createdAt']);
  });
});
