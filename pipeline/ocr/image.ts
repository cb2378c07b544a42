import { imageSize } from 'image-size';
import type { OcrConfig } from '../../core/config.ts';

export type ImageFormat = OcrConfig['formats'][number];

export type ImageCheck = { ok: true; format: ImageFormat; width: number; height: number } | { ok: false; reason: string };

/** image-size's type names → ours; anything else is a format OCR does not read. */
const FORMATS: Record<string, ImageFormat> = { png: 'png', jpg: 'jpg', gif: 'gif', webp: 'webp', bmp: 'bmp', tiff: 'tiff' };

/**
 * Whether fetched bytes are an image OCR may read: a known format from its header (not what the
 * server or the URL claims), allowed by the config, and not too many pixels (a small file can
 * declare a huge canvas).
 */
export function checkImage(bytes: Buffer, limits: Pick<OcrConfig, 'formats' | 'maxImagePixels'>): ImageCheck {
  if (!bytes.length) return { ok: false, reason: 'empty file, not an image' };
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, reason: 'not an image, or a damaged one (its header cannot be read)' };
  }
  const format = size.type ? FORMATS[size.type] : undefined;
  if (!format) return { ok: false, reason: `image format ${size.type ?? 'unknown'} is not read by OCR` };
  if (!limits.formats.includes(format)) return { ok: false, reason: `image format ${format} is not in ocr.formats (${limits.formats.join(', ')})` };
  const { width = 0, height = 0 } = size;
  if (!width || !height) return { ok: false, reason: 'image declares no width or height' };
  if (width * height > limits.maxImagePixels) {
    return { ok: false, reason: `image is ${width}×${height} pixels, over the ${limits.maxImagePixels}-pixel limit` };
  }
  return { ok: true, format, width, height };
}
