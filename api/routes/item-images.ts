import { z } from 'zod';
import type { LoadedConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { fetchBytes } from '../../crawlers/fetch.ts';
import { checkImage } from '../../pipeline/ocr/image.ts';
import { ACCESS } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError } from '../validation.ts';

const CONTENT_TYPES = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp', tiff: 'image/tiff' } as const;

/**
 * GET /api/item-images/:id/:index: image `index` of an item's OCR images, fetched by the server
 * (the analyst's browser never contacts the site that posted it, and the dashboard's CSP allows
 * same-origin images only) and passed on only when its bytes are an image of an allowed format,
 * with a content type from those bytes and a CSP that forbids everything else.
 */
export function itemImageRoutes({ config, store }: { config: LoadedConfig; store: Store }): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/item-images/:id/:index',
      tag: 'items',
      summary: "One of an item's images, as read by OCR, fetched by the server and checked to be an image",
      access: ACCESS.read,
      // The index stays a string: one that names no image is a 404, like an index past the end.
      params: z.object({ id: z.string(), index: z.string().describe("position in the item's ocrImages, from 0") }),
      responses: {
        200: { description: 'the image bytes', contentType: 'image/*' },
        404: { description: 'no such item, or no such image of it' },
        502: { description: 'the image could not be fetched from its site, or is not an allowed image' },
      },
      handle: async ({ params, res }) => {
        const item = await store.getItem(params.id);
        if (!item) throw new HttpError(404, 'not_found', `no item with id "${params.id}"`, 'id');
        const image = item.ocrImages?.[Number(params.index)];
        if (!image || item.kind === 'epaper') throw new HttpError(404, 'not_found', `item "${item.id}" has no image ${params.index}`, 'index');
        let bytes: Buffer;
        try {
          ({ bytes } = await fetchBytes(image.url, {
            userAgent: config.crawler.userAgent,
            timeoutSecs: config.crawler.timeoutSecs,
            maxBytes: config.ocr.maxImageBytes,
          }));
        } catch (error) {
          throw new HttpError(502, 'image_unavailable', `the image could not be fetched from its site: ${(error as Error).message}`);
        }
        const check = checkImage(bytes, config.ocr);
        if (!check.ok) throw new HttpError(502, 'image_unavailable', check.reason);
        res
          .status(200)
          .type(CONTENT_TYPES[check.format])
          .setHeader('Content-Security-Policy', "default-src 'none'")
          .setHeader('Cache-Control', 'private, max-age=3600')
          .end(bytes);
      },
    }),
  ];
}
