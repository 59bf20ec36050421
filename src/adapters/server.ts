/**
 * The socket side of `ecs-twin serve`: Node's `http` server reading bounded request bodies and answering with
 * {@link handleHttp}. Requests are answered one at a time in arrival order of their complete bodies — the core
 * runs synchronously, so no two requests ever interleave.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES, handleHttp } from './ecsHttp.js';
import { errorResponse, type HttpRequestData, type HttpResponseData } from './httpMessages.js';
import type { TwinHost } from './twinHost.js';
import type { TwinPool } from './twinPool.js';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Address to bind; default `127.0.0.1` (the twin has no authentication: keep it off the network). */
  readonly host?: string;
  /**
   * Serve every (account, region) pair from this pool (`twinPool.ts`: SigV4 scope → World, `--auth strict`)
   * instead of the one `twin` for all requests.
   */
  readonly pool?: TwinPool;
}

/** A running endpoint. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT`, the `--endpoint-url` / `endpoint` to give clients. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, closes idle ones, and resolves when the server is closed. */
  close(): Promise<void>;
}

function send(res: ServerResponse, answer: HttpResponseData, close = false): void {
  const body = Buffer.from(answer.body, 'utf8');
  res.writeHead(answer.statusCode, { ...answer.headers, 'content-length': String(body.length), ...(close ? { connection: 'close' } : {}) });
  res.end(body);
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Reads the body within {@link MAX_BODY_BYTES}, then answers; an oversized body is a 413 and the connection closes. */
function onRequest(answerer: (req: HttpRequestData, requestId: string) => HttpResponseData, req: IncomingMessage, res: ServerResponse): void {
  const requestId = randomUUID();
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      refused = true;
      chunks.length = 0;
      const message = `The request body exceeds ${MAX_BODY_BYTES} bytes.`;
      send(res, errorResponse(413, 'RequestEntityTooLargeException', message, requestId), true);
      // Stop reading the rest; the answer is already on its way and the connection closes after it.
      res.on('finish', () => req.destroy());
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) return;
    const answer = answerer({ method: req.method ?? 'GET', path: req.url ?? '/', headers: headersOf(req), body: Buffer.concat(chunks) }, requestId);
    send(res, answer);
  });
  req.on('error', () => {
    if (!res.headersSent) res.destroy();
  });
}

/**
 * Starts the endpoint for `twin`.
 *
 * @example
 * ```ts
 * const server = await startServer(host, { port: 0 });
 * const ecs = new ECSClient({ endpoint: server.url, region: 'us-east-1', credentials });
 * ```
 */
export async function startServer(twin: TwinHost, options: ServerOptions = {}): Promise<RunningServer> {
  const pool = options.pool;
  const answerer = pool !== undefined ? pool.handle.bind(pool) : (req: HttpRequestData, requestId: string) => handleHttp(twin, req, requestId);
  const server: Server = createServer((req, res) => onRequest(answerer, req, res));
  // A malformed request line or header never reaches the handler: answer it as a 400 instead of dropping it.
  server.on('clientError', (_err, socket) => {
    const body = JSON.stringify({ __type: 'SerializationException', message: 'Malformed HTTP request.' });
    const head = `HTTP/1.1 400 Bad Request\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`;
    if (socket.writable) socket.end(head + body);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const shownHost = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
