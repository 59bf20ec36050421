/**
 * AWS Signature Version 4 as the twin's endpoint reads it: the `Authorization` header parsed into access key,
 * credential scope (date, region, service) and signed headers, and the signature recomputed with Node's crypto.
 *
 * The algorithm (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html):
 * canonical request = METHOD \n URI \n sorted query \n `name:value\n` per signed header \n signed headers \n
 * hex(SHA-256(body)); string to sign = `AWS4-HMAC-SHA256` \n X-Amz-Date \n scope \n hex(SHA-256(canonical request));
 * key = HMAC chain of `AWS4`+secret over date, region, service, `aws4_request`; signature = hex(HMAC(key, string)).
 *
 * @module
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { HttpRequestData } from './httpMessages.js';

/** The only signing algorithm ECS accepts in the `Authorization` header. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** What the `Authorization` header says. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  /** Lower-case header names, in the header's order. */
  readonly signedHeaders: readonly string[];
  /** Hex signature as sent. */
  readonly signature: string;
}

/** A rejected authentication: AWS's exception name, status and message. */
export interface AuthFailure {
  readonly statusCode: number;
  readonly type: string;
  readonly message: string;
}

const incomplete = (message: string): AuthFailure => ({ statusCode: 400, type: 'IncompleteSignatureException', message });

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/ecs/aws4_request, SignedHeaders=a;b, Signature=hex`.
 * A malformed header is an `IncompleteSignatureException` naming the missing or bad part.
 */
export function parseAuthorization(header: string): E.Either<AuthFailure, SigV4Authorization> {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) {
    return E.left(incomplete(`Authorization header requires the ${SIGV4_ALGORITHM} algorithm; got '${algorithm.slice(0, 40)}'.`));
  }
  const parts = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !parts.has(k));
  if (missing.length > 0) {
    return E.left(incomplete(`Authorization header requires ${missing.map((k) => `'${k}'`).join(', ')} parameter(s).`));
  }
  const scope = (parts.get('Credential') ?? '').split('/');
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = scope;
  if (scope.length !== 5 || accessKeyId === '' || !/^\d{8}$/.test(date) || region === '' || service === '' || terminator !== 'aws4_request') {
    return E.left(incomplete(`Credential should be scoped to a valid region, as ACCESS_KEY/YYYYMMDD/REGION/SERVICE/aws4_request; got '${(parts.get('Credential') ?? '').slice(0, 120)}'.`));
  }
  const signedHeaders = (parts.get('SignedHeaders') ?? '').split(';').filter((h) => h !== '');
  const signature = parts.get('Signature') ?? '';
  if (signedHeaders.length === 0 || !/^[0-9a-f]{64}$/.test(signature)) {
    return E.left(incomplete('SignedHeaders must name at least one header and Signature must be 64 hex digits.'));
  }
  return E.right({ accessKeyId, date, region, service, signedHeaders, signature });
}

/** RFC 3986 percent-encoding as SigV4 wants it (unreserved characters kept, everything else `%XX`). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonical request of `req` for the headers the client signed. */
export function canonicalRequest(req: HttpRequestData, signedHeaders: readonly string[]): string {
  const [path = '/', query = ''] = req.path.split('?', 2);
  // Non-S3 services sign the path with each segment URI-encoded once more (the SDK does the same).
  const uri = path.split('/').map((s) => uriEncode(s)).join('/') || '/';
  const pairs = [...new URLSearchParams(query)].map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).sort();
  const headers = [...signedHeaders]
    .sort()
    .map((name) => `${name}:${(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const payloadHash = createHash('sha256').update(req.body).digest('hex');
  return [req.method.toUpperCase(), uri, pairs.join('&'), headers, [...signedHeaders].sort().join(';'), payloadHash].join('\n');
}

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** The signature a client holding `secret` computes for `req` under `auth`'s scope and `amzDate` (`YYYYMMDDTHHMMSSZ`). */
export function expectedSignature(req: HttpRequestData, auth: SigV4Authorization, amzDate: string, secret: string): string {
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [SIGV4_ALGORITHM, amzDate, scope, createHash('sha256').update(canonicalRequest(req, auth.signedHeaders)).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, auth.date), auth.region), auth.service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

/** AWS's message for a signature that does not match. */
export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** How far `X-Amz-Date` may be from the server's clock, either way: 5 minutes, as AWS allows. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** `YYYYMMDDTHHMMSSZ` → epoch ms; undefined when malformed. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Epoch ms → `YYYYMMDDTHHMMSSZ`. */
export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Verifies `req`'s signature with `secret` against the wall clock `wallNowMs`. Left is the answer AWS gives:
 * `IncompleteSignatureException` (no `X-Amz-Date` signed), `InvalidSignatureException` "Signature expired: …"
 * (more than 5 minutes off) or the mismatch message.
 */
export function verifySignature(req: HttpRequestData, auth: SigV4Authorization, secret: string, wallNowMs: number): E.Either<AuthFailure, void> {
  const amzDate = req.headers['x-amz-date'];
  const signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || signedAt === undefined) {
    return E.left(incomplete('Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.'));
  }
  if (signedAt < wallNowMs - MAX_CLOCK_SKEW_MS) {
    const message = `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(wallNowMs - MAX_CLOCK_SKEW_MS)} (${formatAmzDate(wallNowMs)} - 5 min.)`;
    return E.left({ statusCode: 400, type: 'InvalidSignatureException', message });
  }
  if (signedAt > wallNowMs + MAX_CLOCK_SKEW_MS) {
    const message = `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(wallNowMs + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(wallNowMs)} + 5 min.)`;
    return E.left({ statusCode: 400, type: 'InvalidSignatureException', message });
  }
  const expected = Buffer.from(expectedSignature(req, auth, amzDate, secret), 'utf8');
  const given = Buffer.from(auth.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return E.left({ statusCode: 400, type: 'InvalidSignatureException', message: SIGNATURE_MISMATCH_MESSAGE });
  }
  return E.right(undefined);
}
