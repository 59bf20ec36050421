/**
 * Accounts and regions on one endpoint: every (account, region) pair is its own {@link TwinHost} — an isolated
 * World with its own journal, events and clock — created lazily the first time a request names the pair.
 *
 * - The region is the SigV4 credential scope's (`Credential=AKID/DATE/REGION/ecs/aws4_request`); the account is
 *   the access key's in the `--accounts` map, the default account (the base config's) otherwise.
 * - No `Authorization` header (allowed unless strict): the default pair, i.e. the base config's account and region.
 * - `auth: 'strict'` with credentials: the signature is verified (`sigv4.ts`); a missing header, an unknown key or
 *   a bad signature is AWS's error and no World is touched.
 * - The control API (`/_twin/…`) picks its World with the query parameters `account` and `region` (each defaults
 *   to the default pair's); it is the twin's own API and is not authenticated.
 * - A new pair's World is the base config with that `accountId` and `region`, and a seed derived from the base seed
 *   and the pair (see {@link pairSeed}), so two accounts never draw the same ids yet every run draws the same.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { EcsError } from '../domain/errors.js';
import { handleHttp } from './ecsHttp.js';
import { CONTROL_PREFIX, ecsErrorResponse, errorResponse, type HttpRequestData, type HttpResponseData } from './httpMessages.js';
import { parseAuthorization, verifySignature } from './sigv4.js';
import type { TwinHost } from './twinHost.js';

/** How requests are authenticated. */
export interface AuthOptions {
  /** `parse` (default): signatures are read, never checked. `strict`: every ECS request must be signed with a known key. */
  readonly mode?: 'parse' | 'strict';
  /** Access key id → 12-digit account id (`--accounts`). Unlisted keys use the default account. */
  readonly accounts?: Readonly<Record<string, string>>;
  /** Access key id → secret access key (`--credentials`); required by `strict`. */
  readonly credentials?: Readonly<Record<string, string>>;
  /** The wall clock for the 5-minute `X-Amz-Date` window; default `Date.now`. */
  readonly wallNowMs?: () => number;
}

/** Makes the host of a pair that has none yet (the caller decides config, clock and persistence). */
export type HostFactory = (accountId: string, region: string, seed: number) => E.Either<EcsError, TwinHost>;

/**
 * AWS's answer to an ECS request without an `Authorization` header in strict mode, with status 400: the JSON 1.1
 * services answer 400 (ECR, ECS's sibling: https://github.com/jenkinsci/aws-credentials-plugin/issues/270), while
 * the generic "Common Errors" pages (query-protocol services) and API Gateway say 403.
 */
export const MISSING_TOKEN_MESSAGE = 'Missing Authentication Token';
/** AWS's answer to an access key it does not know. */
export const UNRECOGNIZED_CLIENT_MESSAGE = 'The security token included in the request is invalid.';

/**
 * The seed of a pair's World: the first 32 bits of SHA-256(`baseSeed/account/region`). The default pair keeps the
 * base seed itself, so a single-account twin behaves exactly as before.
 */
export function pairSeed(baseSeed: number, accountId: string, region: string): number {
  return createHash('sha256').update(`${baseSeed}/${accountId}/${region}`).digest().readUInt32BE(0);
}

/** The (account, region) → World map behind one endpoint. */
export class TwinPool {
  readonly #hosts = new Map<string, TwinHost>();
  readonly #default: TwinHost;
  readonly #factory: HostFactory;
  readonly #auth: AuthOptions;

  /**
   * @param defaultHost the World of the default pair (its config's account and region)
   * @param factory makes the host of any other pair
   * @param auth how requests are authenticated
   */
  constructor(defaultHost: TwinHost, factory: HostFactory, auth: AuthOptions = {}) {
    this.#default = defaultHost;
    this.#factory = factory;
    this.#auth = auth;
    this.#hosts.set(this.#key(this.defaultAccountId, this.defaultRegion), defaultHost);
  }

  /** The account of requests whose key is not in the accounts map. */
  get defaultAccountId(): string {
    return this.#default.world.config.accountId;
  }

  /** The region of requests without an `Authorization` header. */
  get defaultRegion(): string {
    return this.#default.world.config.region;
  }

  /** The pairs that have a World so far, as `account/region`, sorted. */
  get pairs(): readonly string[] {
    return [...this.#hosts.keys()].sort();
  }

  #key(accountId: string, region: string): string {
    return `${accountId}/${region}`;
  }

  /** The hosts made so far, the default pair's first. */
  get hosts(): readonly TwinHost[] {
    return [...this.#hosts.values()];
  }

  /** The host of a pair, created on first use. */
  hostFor(accountId: string, region: string): E.Either<EcsError, TwinHost> {
    const key = this.#key(accountId, region);
    const known = this.#hosts.get(key);
    if (known !== undefined) return E.right(known);
    const made = this.#factory(accountId, region, pairSeed(this.#default.world.config.seed, accountId, region));
    if (E.isRight(made)) this.#hosts.set(key, made.right);
    return made;
  }

  /** Answers one HTTP request in the World of its pair. Never throws. */
  handle(req: HttpRequestData, requestId: string): HttpResponseData {
    try {
      const pair = req.path.startsWith(CONTROL_PREFIX) ? this.#controlPair(req) : this.#ecsPair(req);
      if (E.isLeft(pair)) return errorResponse(pair.left.statusCode, pair.left.type, pair.left.message, requestId);
      const host = this.hostFor(pair.right.accountId, pair.right.region);
      if (E.isLeft(host)) return ecsErrorResponse(host.left, requestId);
      return handleHttp(host.right, req, requestId);
    } catch (e) {
      return errorResponse(500, 'ServerException', `Internal error: ${e instanceof Error ? e.message : String(e)}`, requestId);
    }
  }

  #controlPair(req: HttpRequestData): E.Either<{ statusCode: number; type: string; message: string }, { accountId: string; region: string }> {
    const query = new URLSearchParams(req.path.split('?', 2)[1] ?? '');
    return E.right({ accountId: query.get('account') ?? this.defaultAccountId, region: query.get('region') ?? this.defaultRegion });
  }

  #ecsPair(req: HttpRequestData): E.Either<{ statusCode: number; type: string; message: string }, { accountId: string; region: string }> {
    const strict = this.#auth.mode === 'strict';
    const header = req.headers.authorization;
    if (header === undefined) {
      if (strict) return E.left({ statusCode: 400, type: 'MissingAuthenticationTokenException', message: MISSING_TOKEN_MESSAGE });
      return E.right({ accountId: this.defaultAccountId, region: this.defaultRegion });
    }
    const auth = parseAuthorization(header);
    if (E.isLeft(auth)) return auth;
    const { accessKeyId, region } = auth.right;
    if (strict) {
      const secret = this.#auth.credentials?.[accessKeyId];
      if (secret === undefined) return E.left({ statusCode: 400, type: 'UnrecognizedClientException', message: UNRECOGNIZED_CLIENT_MESSAGE });
      const verified = verifySignature(req, auth.right, secret, (this.#auth.wallNowMs ?? Date.now)());
      if (E.isLeft(verified)) return verified;
    }
    return E.right({ accountId: this.#auth.accounts?.[accessKeyId] ?? this.defaultAccountId, region });
  }
}

/**
 * Reads a `--accounts` or `--credentials` map: a JSON object of non-empty strings. `what` names the file in
 * messages; `valueCheck` validates each value (e.g. a 12-digit account id).
 */
export function parseKeyMap(json: unknown, what: string, valueCheck: (v: string) => string | undefined = () => undefined): E.Either<string, Record<string, string>> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return E.left(`${what}: expected a JSON object mapping access key ids to strings.`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(json)) {
    if (typeof v !== 'string' || v === '') return E.left(`${what}: "${k}": expected a non-empty string, got ${JSON.stringify(v)}.`);
    const problem = valueCheck(v);
    if (problem !== undefined) return E.left(`${what}: "${k}": ${problem}`);
    out[k] = v;
  }
  return E.right(out);
}

/** Checks an account id: 12 digits, as AWS account ids are. */
export const accountIdProblem = (v: string): string | undefined => (/^\d{12}$/.test(v) ? undefined : `expected a 12-digit account id, got '${v}'.`);
