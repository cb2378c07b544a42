// Which images of an article page may carry text worth reading (screenshots, scanned documents):
// the images inside the story, not the site's logos, icons, avatars or ads.
import type { CheerioAPI } from 'cheerio';
import { normalizeCrawlUrl } from './urls.ts';

/** Where the story is, most specific first; the first one holding images wins. */
const STORY_SCOPES = ['[itemprop="articleBody"]', 'article', 'main', 'body'];
/** Site furniture, by words in the URL, class or id. */
const FURNITURE = /(^|[^a-z])(logo|icon|avatar|sprite|banner|ads?|advert|tracking|pixel|emoji|badge|button)([^a-z]|$)/i;
/** Declared smaller than this (either side) is an icon or a spacer. */
const MIN_SIDE = 100;
/** Attributes lazy-loading scripts keep the real address in, before src (often a placeholder). */
const SOURCE_ATTRIBUTES = ['data-src', 'data-original', 'data-lazy-src', 'src'];

/**
 * Absolute http(s) URLs of the story's images in page order (at most `max`), else the page's
 * og:image. Pure: reads the parsed page only.
 */
export function articleImageUrls($: CheerioAPI, pageUrl: string, max: number): string[] {
  const found: string[] = [];
  const add = (raw: string | undefined) => {
    if (!raw || found.length >= max || /^data:/i.test(raw.trim())) return;
    const checked = normalizeCrawlUrl(raw.trim(), pageUrl);
    if (checked.ok && !/\.svgz?($|\?)/i.test(checked.url) && !FURNITURE.test(checked.url) && !found.includes(checked.url)) found.push(checked.url);
  };
  for (const scope of STORY_SCOPES) {
    $(scope)
      .first()
      .find('img')
      .each((_, element) => {
        const img = $(element);
        const declared = [img.attr('width'), img.attr('height')].map((value) => Number.parseInt(value ?? '', 10));
        if (declared.some((side) => Number.isFinite(side) && side < MIN_SIDE)) return;
        if (FURNITURE.test(`${img.attr('class') ?? ''} ${img.attr('id') ?? ''}`)) return;
        add(SOURCE_ATTRIBUTES.map((name) => img.attr(name)).find((value) => value && !/^data:/i.test(value)));
      });
    if (found.length) return found;
  }
  add($('meta[property="og:image"]').attr('content'));
  return found;
}
