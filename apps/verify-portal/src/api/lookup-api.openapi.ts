import type { OpenAPIObject } from '@nestjs/swagger';

type Paths = OpenAPIObject['paths'];

const answer = { $ref: '#/components/schemas/LookupAnswerDto' };
const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };
const tooMany = { description: 'RATE_LIMITED, with Retry-After', content: problem };
const notReady = { description: 'READ_MODEL_NOT_READY while the lookup data is being built; with Retry-After', content: problem };
const lookupFields = {
  type: 'object',
  additionalProperties: false,
  required: ['serial'],
  properties: {
    serial: { type: 'string', example: 'HP 0203418', maxLength: 40 },
    fullName: { type: 'string', example: 'Nguyễn Thị Thu Hằng', maxLength: 120 },
    birthDate: { type: 'string', example: '2006-09-18', description: 'ISO (2006-09-18) or dd/mm/yyyy.', maxLength: 20 },
    registerNumber: { type: 'string', example: '000417/THPT-2024', maxLength: 40 },
    issuerCode: {
      type: 'string',
      example: 'SGD-HP',
      maxLength: 32,
      description: 'Optional, with year: a NOT_FOUND answer then says what the registry holds for that issuer and year.',
    },
    year: { type: 'string', example: '1998', pattern: '^\\d{4}$', description: 'Optional, with issuerCode.' },
  },
};
const lookupAnswers = {
  '200': {
    description: 'Every answer, NOT_FOUND included, is a 200 with its status code.',
    content: { 'application/json': { schema: answer } },
  },
  '400': { description: 'A bad query: the one problem’s code, or INVALID_INPUT with fieldProblems', content: problem },
  '429': tooMany,
  '503': notReady,
};
const lookupSummary = 'Tra cứu văn bằng (look up a diploma)';
const lookupDescription =
  'Exact match only: serial + fullName + birthDate, or serial + registerNumber. Names match without diacritics or case. Rate-limited per client.';

/**
 * The portal's public routes, written out here because they are served without Nest controllers (issue
 * 19); the answer and problem schemas still come from the DTO classes.
 */
export const PORTAL_API_PATHS: Paths = {
  '/api/v1/lookup': {
    post: {
      tags: ['lookup'],
      summary: lookupSummary,
      description: `${lookupDescription} Preferred: the name and birth date stay out of URLs and access logs.`,
      requestBody: {
        required: true,
        content: { 'application/json': { schema: lookupFields }, 'application/x-www-form-urlencoded': { schema: lookupFields } },
      },
      responses: {
        ...lookupAnswers,
        '413': { description: 'BODY_TOO_LARGE (over 8 KB)', content: problem },
        '415': { description: 'BODY_UNSUPPORTED: neither JSON nor a form', content: problem },
      },
    },
    get: {
      tags: ['lookup'],
      summary: `${lookupSummary}, in the query string`,
      description: `${lookupDescription} Kept for existing integrations; prefer POST, which keeps personal data out of URLs.`,
      parameters: Object.entries(lookupFields.properties).map(([name, schema]) => ({
        name,
        in: 'query',
        required: name === 'serial',
        schema,
      })),
      responses: lookupAnswers,
    },
  },
  '/api/v1/verify/{token}': {
    get: {
      tags: ['lookup'],
      summary: 'Kiểm tra mã QR (verify a QR token)',
      description: 'Checks the Ed25519 signature against the published keys (/.well-known/so-goc-keys.json), then reads the live status.',
      parameters: [
        {
          name: 'token',
          in: 'path',
          required: true,
          description: 'The token of the QR URL: <payload>.<signature>, base64url.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'The live status; FORGED when the token is not genuine',
          content: { 'application/json': { schema: answer } },
        },
        '429': tooMany,
        '503': notReady,
      },
    },
  },
  '/.well-known/so-goc-keys.json': {
    get: {
      tags: ['keys'],
      summary: 'Khóa công khai (published Ed25519 keys, JWK set with authority and validity)',
      responses: {
        '200': {
          description:
            '{ "keys": [{ "kid", "authorityCode", "kty": "OKP", "crv": "Ed25519", "x", "use": "sig", "alg": "EdDSA", "createdAt", "retiredAt" }] }',
        },
      },
    },
  },
};
