import { createHmac } from 'node:crypto';
import type { PrivacyConfig } from '../../core/config.ts';

/** Prefix of every pseudonym, so the UI and the API can tell one from a kept handle. */
export const PSEUDONYM_PREFIX = 'anon:';

/** The identifiers a connector knows about an account; any of them may match the official list. */
export interface AccountRef {
  /** Stable identifier the pseudonym is derived from (DID, acct with server, channel id, user name). */
  id: string;
  /** Public handle, shown as is only for listed official/media accounts. */
  handle?: string;
  /** Other spellings that may appear in `keepHandlesFor` (e.g. a DID besides the handle). */
  aliases?: string[];
}

/** Lowercases and strips a leading "@"; "t.me/x" and "u/x" forms are reduced to the name. */
export function normaliseHandle(handle: string): string {
  return handle
    .trim()
    .replace(/^https?:\/\/(www\.)?t\.me\//i, '')
    .replace(/^\/?u\//i, '')
    .replace(/^@/, '')
    .toLowerCase();
}

/**
 * Replaces authors by a keyed hash (HMAC-SHA256): the same account always gets the same
 * pseudonym under one key, nobody without the key can recompute it from a handle, and no
 * handle or display name of a private person reaches the store. Accounts listed as
 * official/media keep their handle when `keepOfficialHandles` is on.
 */
export class Pseudonymiser {
  private readonly official: Map<string, Set<string>>;

  constructor(
    private readonly key: string,
    privacy: Pick<PrivacyConfig, 'keepOfficialHandles' | 'keepHandlesFor'> = { keepOfficialHandles: true, keepHandlesFor: {} },
  ) {
    if (key.length < 16) throw new Error('pseudonymisation key must be at least 16 characters');
    this.official = new Map();
    if (privacy.keepOfficialHandles) {
      for (const [platform, handles] of Object.entries(privacy.keepHandlesFor)) {
        this.official.set(platform, new Set(handles.map(normaliseHandle)));
      }
    }
  }

  /** `anon:` + the first 16 hex digits of HMAC-SHA256(key, platform + id). */
  pseudonym(platform: string, id: string): string {
    const digest = createHmac('sha256', this.key)
      .update(`${platform}\u0000${normaliseHandle(id)}`)
      .digest('hex');
    return `${PSEUDONYM_PREFIX}${digest.slice(0, 16)}`;
  }

  isOfficial(platform: string, account: AccountRef): boolean {
    const listed = this.official.get(platform);
    if (!listed) return false;
    return [account.id, account.handle, ...(account.aliases ?? [])].some((value) => value !== undefined && listed.has(normaliseHandle(value)));
  }

  /** What the item's `author` becomes: the handle of a listed official account, else the pseudonym. */
  author(platform: string, account: AccountRef): string {
    if (this.isOfficial(platform, account)) return `@${normaliseHandle(account.handle ?? account.id)}`;
    return this.pseudonym(platform, account.id);
  }

  /** Same as `author`, for a bare handle found in a text (a mention). */
  mention(platform: string, handle: string): string {
    return this.author(platform, { id: handle, handle });
  }

  /**
   * Replaces "@handle" mentions in plain text (and "u/name" on Reddit) with pseudonyms, so a
   * post does not carry other people's handles into the store. E-mail addresses are left alone.
   */
  mentionsInText(platform: string, text: string): string {
    let out = text.replace(
      /(^|[\s([{"'“‘,;:!?])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)/g,
      (_match, before: string, handle: string) => {
        return `${before}${this.mention(platform, handle)}`;
      },
    );
    if (platform === 'reddit') {
      out = out.replace(/(^|[^\w/])\/?u\/([A-Za-z0-9_-]{3,20})\b/g, (_match, before: string, name: string) => `${before}${this.mention(platform, name)}`);
    }
    return out;
  }
}

/** Resolves the key from the config (inline, or from the named environment variable). */
export function resolvePseudonymKey(privacy: Pick<PrivacyConfig, 'pseudonymKey' | 'pseudonymKeyEnv'>, env: NodeJS.ProcessEnv = process.env): string {
  if (privacy.pseudonymKey) return privacy.pseudonymKey;
  if (privacy.pseudonymKeyEnv) {
    const value = env[privacy.pseudonymKeyEnv];
    if (!value)
      throw new Error(`privacy.pseudonymKeyEnv names ${privacy.pseudonymKeyEnv}, which is not set; social sources are not read without a pseudonymisation key`);
    if (value.length < 16) throw new Error(`the pseudonymisation key in ${privacy.pseudonymKeyEnv} must be at least 16 characters`);
    return value;
  }
  throw new Error('no pseudonymisation key: set privacy.pseudonymKeyEnv (or privacy.pseudonymKey) before reading social sources');
}
