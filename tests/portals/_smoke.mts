import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { StaticSite } from '/work/main/cli/demo/static-site.ts';
import { parseConfig } from '/work/main/core/config.ts';
import { runPortalChecks, PortalStore } from '/work/main/pipeline/portals/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'pw-'));
cpSync('/work/main/tests/fixtures/portal/site', join(dir, 'www'), { recursive: true });
const routes: Record<string, any> = {};
const site = new StaticSite({ root: join(dir, 'www'), routes });
await site.start();
const config = parseConfig({ crawler: { requestsPerMinute: 6000 }, portals: [{ id: 'vp', startUrls: [`${site.url}/`], changingSelectors: ['.news-list', '.visitor-count', '.today'] }], portalWatch: { lexicon: '/work/main/config/portal-defacement.yaml', statePath: join(dir, 'p.db') } }, 'test', dir);
const logger = pino({ level: 'warn' });
const store = new PortalStore(join(dir, 'p.db'));
const show = (o: any) => { for (const r of o.results) { console.log('pages', r.pagesChecked, 'new', r.newPages.length, 'errors', r.errors, 'changed', r.contentChanged); for (const i of r.created) console.log('NEW', i.kind, i.summary, '\n' + i.diff + '\n'); for (const i of r.updated) console.log('AGAIN', i.kind, i.summary); } };
show(await runPortalChecks(config, { logger, store, retryDelayMs: 10 }));
const mode = process.argv[2] ?? 'defaced';
cpSync(`/work/main/tests/fixtures/portal/${mode}`, join(dir, 'www'), { recursive: true });
if (mode === 'defaced') {
  rmSync(join(dir, 'www/van-ban/quyet-dinh-12.html'));
  routes['/dich-vu-cong.html'] = (_req: any, res: any) => res.writeHead(302, { location: 'https://dichvucong-gialai.spam.example/' }).end();
}
console.log('---- run 2');
show(await runPortalChecks(config, { logger, store, retryDelayMs: 10 }));
console.log('---- run 3');
show(await runPortalChecks(config, { logger, store, retryDelayMs: 10 }));
store.close();
await site.stop();
rmSync(dir, { recursive: true });
