// The `portals` and `portalWatch` config sections.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../core/config.ts';
import { selectorsFor } from '../../features/portals/check.ts';
import { selectPortals, validatePortalConfig } from '../../features/portals/index.ts';
import { LEXICON, TLS_DIR } from './helpers.ts';

const base = (portals: unknown[], portalWatch: Record<string, unknown> = { lexicon: LEXICON }) =>
  parseConfig({ portals, portalWatch }, '/etc/mediawatch.yaml', '/etc');

describe('portals config', () => {
  it('has working defaults', () => {
    const config = base([{ id: 'vpubnd', startUrls: ['https://vpubnd.gialai.gov.vn/'] }], {});
    expect(config.portals[0]).toMatchObject({
      enabled: true,
      sitemap: false,
      linkDepth: 1,
      maxPages: 50,
      stableSelectors: ['header', 'nav', 'footer', '.contact'],
      changingSelectors: [],
      pages: [],
      trustedOrigins: [],
    });
    expect(config.portals[0].schedule).toBeUndefined();
    expect(config.portalWatch).toEqual({ lexicon: 'portal-defacement.yaml', certWarningDays: 14, statePath: '../data/portals.db', watchInlineScripts: true });
    expect(parseConfig({}, 'x', '/').portals).toEqual([]);
  });

  it('names the key of every mistake', () => {
    const problems = (portals: unknown[]) => {
      try {
        base(portals);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    };
    expect(
      problems([
        { id: 'a', startUrls: ['https://a.gov.vn/'] },
        { id: 'a', startUrls: ['https://b.gov.vn/'] },
      ]),
    ).toContain('portals[1].id: duplicate id "a"');
    expect(problems([{ id: 'a', startUrls: ['ftp://a.gov.vn/'] }])).toContain('portals[0].startUrls[0]: must be an http(s) URL');
    expect(problems([{ id: 'a', startUrls: ['https://a.gov.vn/'], schedule: 'every hour' }])).toContain('portals[0].schedule: is not a valid cron expression');
    expect(problems([{ id: 'a', startUrls: ['https://a.gov.vn/'], trustedOrigins: ['https://maps.example/embed'] }])).toContain('portals[0].trustedOrigins[0]');
    expect(problems([{ id: 'a', startUrls: ['https://a.gov.vn/'], pages: [{ urlPattern: '([' }] }])).toContain(
      'portals[0].pages[0].urlPattern: is not a valid regular expression',
    );
    expect(problems([{ id: 'a', startUrls: ['https://a.gov.vn/'], stableSelector: ['footer'] }])).toContain('unknown key(s): stableSelector');
  });

  it('checks selectors, the lexicon file and caFile before any check runs', () => {
    const bad = base(
      [{ id: 'a', startUrls: ['https://a.gov.vn/'], pages: [{ urlPattern: '/lien-he', changingSelectors: ['p:nth-child('] }], caFile: 'missing-ca.pem' }],
      { lexicon: 'nope.yaml' },
    );
    const message = (() => {
      try {
        validatePortalConfig(bad);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('portals[0].pages[0].changingSelectors: "p:nth-child(" is not a valid CSS selector');
    expect(message).toContain('portals[0].caFile: cannot read /etc/missing-ca.pem');
    expect(message).toContain('portalWatch.lexicon: portal lexicon file not found: /etc/nope.yaml');
    const good = base([{ id: 'a', startUrls: ['https://a.gov.vn/'], caFile: `${TLS_DIR}/ca.crt` }]);
    expect(validatePortalConfig(good).ca.get('a')).toContain('BEGIN CERTIFICATE');
  });

  it('lets a page pattern override the selectors', () => {
    const [portal] = base([
      { id: 'a', startUrls: ['https://a.gov.vn/'], changingSelectors: ['.news-list'], pages: [{ urlPattern: '/lien-he', stableSelectors: ['main'] }] },
    ]).portals;
    expect(selectorsFor(portal, 'https://a.gov.vn/lien-he.html')).toEqual({ stable: ['main'], changing: ['.news-list'] });
    expect(selectorsFor(portal, 'https://a.gov.vn/')).toEqual({ stable: ['header', 'nav', 'footer', '.contact'], changing: ['.news-list'] });
  });

  it('selects the named portals, or every enabled one', () => {
    const config = base([
      { id: 'a', startUrls: ['https://a.gov.vn/'] },
      { id: 'b', startUrls: ['https://b.gov.vn/'], enabled: false },
    ]);
    expect(selectPortals(config).map((p) => p.id)).toEqual(['a']);
    expect(selectPortals(config, ['b']).map((p) => p.id)).toEqual(['b']);
    expect(() => selectPortals(config, ['c'])).toThrow('no portal "c" in /etc/mediawatch.yaml (portals: a, b)');
  });
});
