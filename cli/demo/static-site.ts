import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** Files whose text carries the `{{BASE_URL}}` placeholder of the fixture sites. */
const TEMPLATED = new Set(['.xml', '.txt']);

// HTML goes out without a charset on purpose: the pages declare their own (one is windows-1258),
// and a server that forced UTF-8 would hide decoding bugs.
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export interface LoggedRequest {
  method: string;
  path: string;
  userAgent: string;
  status: number;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, site: StaticSite) => unknown;

export interface StaticSiteOptions {
  /** Folder served as the site root; "/" and folders serve index.html. */
  root: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Extra paths answered by code (generated feeds, error cases in tests); checked before files. */
  routes?: Record<string, RouteHandler>;
}

/**
 * Serves an offline news site on 127.0.0.1 the way a real one would, replacing `{{BASE_URL}}`
 * with its own origin and logging every request (tests assert on the log; the demo serves it).
 */
export class StaticSite {
  readonly requests: LoggedRequest[] = [];
  private server: Server | undefined;
  private origin = '';

  constructor(private readonly options: StaticSiteOptions) {}

  get url(): string {
    if (!this.origin) throw new Error('StaticSite.url read before start()');
    return this.origin;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      res.on('finish', () =>
        this.requests.push({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          userAgent: String(req.headers['user-agent'] ?? ''),
          status: res.statusCode,
        }),
      );
      this.handle(req, res).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fixture server error: ${error.message}`);
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const { address, port } = server.address() as AddressInfo;
    this.origin = `http://${address}:${port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Replaces the fixture placeholder with this server's origin. */
  fillTemplate(text: string): string {
    return text.replaceAll('{{BASE_URL}}', this.url);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const route = this.options.routes?.[path];
    if (route) {
      await route(req, res, this);
      return;
    }
    let file = normalize(join(this.options.root, path));
    if (file !== this.options.root && !file.startsWith(this.options.root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => undefined);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404 Không tìm thấy trang</h1></body></html>');
      return;
    }
    const extension = extname(file);
    const payload = TEMPLATED.has(extension) ? Buffer.from(this.fillTemplate(body.toString('utf8'))) : body;
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream', 'content-length': payload.length });
    res.end(req.method === 'HEAD' ? undefined : payload);
  }
}
