// TLS checks against local https servers with the committed test certificates
// (tests/fixtures/portal/tls): expiry (the clock is moved, not the certificate), hostname,
// trust; and an https portal whose certificate is about to expire.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';
import { tlsFindings } from '../../features/portals/compare.ts';
import { checkTls, daysLeft, PortalStore, runPortalChecks } from '../../features/portals/index.ts';
import { LEXICON, memoryLogger, TLS_DIR } from './helpers.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const CA = readFileSync(join(TLS_DIR, 'ca.crt'), 'utf8');
const DAY = 86_400_000;

const PAGE = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Sở Thông tin và Truyền thông</title></head>
<body><header>Sở Thông tin và Truyền thông tỉnh Gia Lai</header><main><p>Trang chủ</p></main><footer>Địa chỉ: 15 Trần Hưng Đạo, Pleiku</footer></body></html>`;

const servers: Record<string, { server: Server; url: string }> = {};

async function serve(name: string): Promise<void> {
  const server = createServer({ key: readFileSync(join(TLS_DIR, `${name}.key`)), cert: readFileSync(join(TLS_DIR, `${name}.crt`)) }, (req, res) => {
    if (req.url === '/' || req.url === '/van-ban.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (req.url === '/sitemap.xml') {
      // Lists a page no link leads to: only the sitemap can find it.
      const sitemap = `<?xml version="1.0"?><urlset><url><loc>https://${req.headers.host}/van-ban.html</loc></url></urlset>`;
      res.writeHead(200, { 'content-type': 'application/xml' }).end(sitemap);
    } else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers[name] = { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

beforeAll(async () => {
  for (const name of ['long-valid', 'near-expiry', 'wrong-host']) await serve(name);
});
afterAll(async () => {
  for (const { server } of Object.values(servers)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('checkTls', () => {
  it('reads a valid certificate for the host from a trusted CA: no finding', async () => {
    const result = await checkTls(servers['long-valid'].url, { ca: CA });
    expect(result).toMatchObject({ host: '127.0.0.1', trusted: true, hostnameMatches: true });
    expect(result.error).toBeUndefined();
    expect(result.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(daysLeft(result, new Date())).toBeGreaterThan(30_000);
    expect(tlsFindings(result, 14, new Date(), servers['long-valid'].url)).toEqual([]);
  });

  it('warns before expiry, again at each step closer, and reports an expired certificate', async () => {
    const result = await checkTls(servers['near-expiry'].url, { ca: CA });
    const validTo = Date.parse(result.validTo!);
    expect(validTo - Date.parse(result.validFrom!)).toBe(10 * DAY);
    expect(tlsFindings(result, 14, new Date(validTo - 20 * DAY), 'x')).toEqual([]);
    const [twelve] = tlsFindings(result, 14, new Date(validTo - 12.5 * DAY), 'x');
    expect(twelve).toMatchObject({ kind: 'tls_expiring', severity: 'warning', aspect: 'tls' });
    expect(twelve.title).toContain('sẽ hết hạn sau 12 ngày');
    const [five] = tlsFindings(result, 14, new Date(validTo - 5.5 * DAY), 'x');
    const [two] = tlsFindings(result, 14, new Date(validTo - 2.5 * DAY), 'x');
    expect(five.kind).toBe('tls_expiring');
    expect(two).toMatchObject({ kind: 'tls_expiring', severity: 'high' });
    // 12 and 5 days are in different steps (14, 7), 5 and 2 too (7, 3): each step alerts once.
    expect(new Set([twelve.signature, five.signature, two.signature]).size).toBe(3);
    expect(tlsFindings(result, 14, new Date(validTo - 6.5 * DAY), 'x')[0].signature).toBe(five.signature);
    const [expired] = tlsFindings(result, 14, new Date(validTo + 1.5 * DAY), 'x');
    expect(expired).toMatchObject({ kind: 'tls_expired', severity: 'critical' });
    expect(expired.diff).toContain('subject: CN=localhost');
  });

  it('reports a certificate issued for another hostname', async () => {
    const result = await checkTls(servers['wrong-host'].url, { ca: CA });
    expect(result.hostnameMatches).toBe(false);
    expect(result.hostnameError).toMatch(/127\.0\.0\.1/);
    const findings = tlsFindings(result, 14, new Date(), servers['wrong-host'].url);
    expect(findings.map((finding) => finding.kind)).toEqual(['tls_hostname_mismatch']);
    expect(findings[0].diff).toContain('names: DNS:portal.other.example');
  });

  it('reports a certificate that does not chain to a trusted CA', async () => {
    const result = await checkTls(servers['long-valid'].url);
    expect(result.trusted).toBe(false);
    expect(result.trustError).toMatch(/UNABLE_TO_VERIFY|SELF_SIGNED/);
    expect(tlsFindings(result, 14, new Date(), 'x').map((finding) => finding.kind)).toEqual(['tls_untrusted']);
  });

  it('reports a host that does not answer', async () => {
    const { server, url } = servers['long-valid'];
    const closed = url.replace(/:\d+\//, ':1/');
    const result = await checkTls(closed, { timeoutMs: 2000 });
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(tlsFindings(result, 14, new Date(), closed).map((finding) => finding.kind)).toEqual(['site_unreachable']);
    expect(server.listening).toBe(true);
  });
});

/** A portal check over one https server with the test CA, in a throwaway folder. */
async function withHttpsPortal(portal: { url: string; sitemap?: boolean }, test: (config: LoadedConfig, store: PortalStore) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-portal-tls-'));
  const store = new PortalStore(join(dir, 'portals.db'));
  try {
    const config = parseConfig(
      {
        crawler: { requestsPerMinute: 6000, timeoutSecs: 5 },
        portals: [{ id: 'stttt', startUrls: [portal.url], caFile: join(TLS_DIR, 'ca.crt'), sitemap: portal.sitemap ?? false }],
        portalWatch: { lexicon: LEXICON, statePath: join(dir, 'portals.db'), certWarningDays: 14 },
      },
      join(dir, 'mediawatch.yaml'),
      dir,
    );
    await test(config, store);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('an https portal whose certificate is about to expire', () => {
  it('raises an expiry incident through the portal check (once per step), and still fingerprints the pages', async () => {
    await withHttpsPortal({ url: servers['near-expiry'].url }, async (config, store) => {
      const validTo = Date.parse((await checkTls(servers['near-expiry'].url, { ca: CA })).validTo!);
      let now = new Date(validTo - 5.5 * DAY);
      const run = () => runPortalChecks(config, { logger: memoryLogger().logger, store, now: () => now, retryDelayMs: 5 });
      const first = (await run()).results[0];
      expect(first.pagesChecked).toBe(1);
      // The chain verifies; the handshake reads the real clock, so once this fixture's ten days are past
      // (since 2026-12-05) it also says CERT_HAS_EXPIRED, which is the expiry finding's job, not distrust.
      expect(first.tls[0]).toMatchObject({ hostnameMatches: true });
      expect(first.tls[0].trustError ?? 'verified').toMatch(/^(verified|CERT_HAS_EXPIRED)$/);
      expect(first.created.map((incident) => [incident.kind, incident.severity])).toEqual([['tls_expiring', 'warning']]);
      expect(first.created[0].summary).toMatch(/^Chứng chỉ TLS của 127\.0\.0\.1 sẽ hết hạn sau 5 ngày/);
      expect(store.pageBaseline('stttt', servers['near-expiry'].url)?.title).toBe('Sở Thông tin và Truyền thông');
      // Acknowledged: the same step does not come back ...
      store.acknowledge(first.created[0].id, 'admin');
      now = new Date(validTo - 4.5 * DAY);
      expect((await run()).results[0].created).toEqual([]);
      // ... the next one does.
      now = new Date(validTo - 2.5 * DAY);
      const third = (await run()).results[0];
      expect(third.created.map((incident) => [incident.kind, incident.severity])).toEqual([['tls_expiring', 'high']]);
    });
  });
});

describe('an https portal on a private CA', () => {
  it('reads its sitemap like its pages, although the certificate is not in the system store', async () => {
    await withHttpsPortal({ url: servers['long-valid'].url, sitemap: true }, async (config, store) => {
      const result = (await runPortalChecks(config, { logger: memoryLogger().logger, store, retryDelayMs: 5 })).results[0];
      expect(result.errors).toEqual([]);
      expect(result.newPages).toEqual([servers['long-valid'].url, `${servers['long-valid'].url}van-ban.html`]);
    });
  });
});
