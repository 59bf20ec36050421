// SigV4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html): the header parsed, and the
// signature recomputed. The vector is AWS's own worked example (IAM ListUsers, 20150830T123600Z, the documented
// example secret), whose signature is printed in the SigV4 docs: 5d672d79…b5d7.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { expectedSignature, formatAmzDate, parseAmzDate, parseAuthorization, verifySignature } from '../../src/adapters/sigv4.js';

const req = {
  method: 'GET',
  path: '/?Action=ListUsers&Version=2010-05-08',
  headers: {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: 'iam.amazonaws.com',
    'x-amz-date': '20150830T123600Z',
  },
  body: new Uint8Array(),
};
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const SIGNATURE = '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
const HEADER = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${SIGNATURE}`;

describe('SigV4', () => {
  it('parses the Authorization header', () => {
    expect(parseAuthorization(HEADER)).toEqual(
      E.right({ accessKeyId: 'AKIDEXAMPLE', date: '20150830', region: 'us-east-1', service: 'iam', signedHeaders: ['content-type', 'host', 'x-amz-date'], signature: SIGNATURE }),
    );
  });

  it('computes AWS\'s example signature and verifies it within 5 minutes of the wall clock', () => {
    const auth = parseAuthorization(HEADER);
    if (E.isLeft(auth)) throw new Error(auth.left.message);
    expect(expectedSignature(req, auth.right, '20150830T123600Z', SECRET)).toBe(SIGNATURE);
    const signedAt = parseAmzDate('20150830T123600Z') ?? 0;
    expect(verifySignature(req, auth.right, SECRET, signedAt + 4 * 60_000)).toEqual(E.right(undefined));
    const late = verifySignature(req, auth.right, SECRET, signedAt + 6 * 60_000);
    expect(E.isLeft(late) && late.left.message).toBe('Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124200Z - 5 min.)');
    const early = verifySignature(req, auth.right, SECRET, signedAt - 6 * 60_000);
    expect(E.isLeft(early) && early.left.type).toBe('InvalidSignatureException');
    const wrong = verifySignature(req, auth.right, 'not-the-secret', signedAt);
    expect(E.isLeft(wrong) && wrong.left.type).toBe('InvalidSignatureException');
    const tampered = verifySignature({ ...req, body: new TextEncoder().encode('{}') }, auth.right, SECRET, signedAt);
    expect(E.isLeft(tampered) && tampered.left.type).toBe('InvalidSignatureException');
  });

  it.each([
    ['another algorithm', 'AWS4-HMAC-SHA512 Credential=A/20150830/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64)],
    ['no Signature', 'AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/ecs/aws4_request, SignedHeaders=host'],
    ['a short scope', 'AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1, SignedHeaders=host, Signature=' + '0'.repeat(64)],
    ['a signature that is not hex', 'AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=xyz'],
  ])('refuses %s as IncompleteSignatureException', (_what, header) => {
    const r = parseAuthorization(header);
    expect(E.isLeft(r) && r.left).toMatchObject({ statusCode: 400, type: 'IncompleteSignatureException' });
  });

  it('reads and writes X-Amz-Date', () => {
    expect(formatAmzDate(parseAmzDate('20261206T005300Z') ?? 0)).toBe('20261206T005300Z');
    expect(parseAmzDate('2026-12-06T00:53:00Z')).toBeUndefined();
  });
});
