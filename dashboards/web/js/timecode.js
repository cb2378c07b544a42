// Broadcast items: the moment of the video a passage of the transcript was said at, and a link
// that opens the video there. Pure: also used by the unit tests and the figures script.

/**
 * Seconds into the video of the cue holding character `offset` of the item text (the last cue
 * starting at or before it), or null when the offset is before the transcript (the description)
 * or the item has no time codes.
 * @param {{ cues?: Array<[number, number]> } | null | undefined} timecodes cues as [text offset, seconds]
 * @param {number} offset
 * @returns {number | null}
 */
export function secondsAt(timecodes, offset) {
  const cues = timecodes?.cues;
  if (!Array.isArray(cues) || !cues.length || !(offset >= cues[0][0])) return null;
  let lo = 0;
  let hi = cues.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cues[mid][0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return cues[lo][1];
}

/**
 * "03:12", or "1:02:03" past an hour.
 * @param {number} seconds
 */
export function formatTimecode(seconds) {
  const whole = Math.floor(seconds);
  const hh = Math.floor(whole / 3600);
  const mm = String(Math.floor(whole / 60) % 60).padStart(2, '0');
  const ss = String(whole % 60).padStart(2, '0');
  return hh ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * The video address opened at `seconds`: YouTube's own `t=<n>s` parameter for its watch pages,
 * else a media fragment `#t=<n>` (which players of media files and most station players honour);
 * null for anything but an http(s) address.
 * @param {string} videoUrl
 * @param {number} seconds
 * @returns {string | null}
 */
export function videoLinkAt(videoUrl, seconds) {
  let url;
  try {
    url = new URL(videoUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const whole = Math.floor(seconds);
  if (/(^|\.)youtube\.com$|^youtu\.be$/.test(url.hostname)) url.searchParams.set('t', `${whole}s`);
  else url.hash = `t=${whole}`;
  return url.href;
}
