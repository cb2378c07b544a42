import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The office's password policy (from the directive this system serves):
 * more than 8 characters, with upper case, lower case and digits; changed at least every
 * 6 months; stored only as a slow salted hash (scrypt).
 */
export const PASSWORD_POLICY = {
  /** "More than 8 characters". */
  minLength: 9,
  /** Bounds the hashing work an anonymous login request can cause. */
  maxLength: 256,
  maxAgeMonths: 6,
  /** Earlier passwords a user may not go back to. */
  historySize: 5,
} as const;

/** The ~49,000 most common passwords of public breach lists (zxcvbn's list), lower case. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common']);

/**
 * Whether a password is a common one, or a common one with digits or symbols tacked on
 * ("Password1", "Dragon2024!"): the first guesses of any attacker, whatever the policy's letter.
 */
function isCommonPassword(lowerCase: string): boolean {
  if (COMMON_PASSWORDS.has(lowerCase)) return true;
  const stem = lowerCase.replace(/[\p{Nd}\p{P}\p{S}\s]+$/u, '');
  return stem.length >= 4 && COMMON_PASSWORDS.has(stem);
}

/** Problems with a candidate password, in plain words; empty when it complies. */
export function passwordProblems(password: string, username?: string): string[] {
  const value = password.normalize('NFC');
  const length = [...value].length;
  const problems: string[] = [];
  if (length < PASSWORD_POLICY.minLength) problems.push(`must be longer than 8 characters (has ${length})`);
  if (length > PASSWORD_POLICY.maxLength) problems.push(`must be at most ${PASSWORD_POLICY.maxLength} characters`);
  if (!/\p{Lu}/u.test(value)) problems.push('must contain an upper-case letter');
  if (!/\p{Ll}/u.test(value)) problems.push('must contain a lower-case letter');
  if (!/\p{Nd}/u.test(value)) problems.push('must contain a digit');
  const lowerCase = value.toLowerCase();
  if (isCommonPassword(lowerCase)) problems.push('is one of the most common passwords; choose one that is harder to guess');
  if (username && username.length >= 3 && lowerCase.includes(username.toLowerCase())) problems.push('must not contain the user name');
  return problems;
}

/** When a password set at `changedAt` stops being accepted without a change: 6 calendar months later. */
export function passwordExpiresAt(changedAt: Date, months: number = PASSWORD_POLICY.maxAgeMonths): Date {
  const result = new Date(changedAt.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  // 31 August + 6 months is the last day of February, not 3 March.
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export function passwordExpired(changedAt: Date, now: Date): boolean {
  return now.getTime() >= passwordExpiresAt(changedAt).getTime();
}

export interface HashOptions {
  /** log2 of scrypt's N (CPU/memory cost). 15 → N=32768, 32 MiB, ~0.1 s per hash. */
  cost?: number;
}

export const DEFAULT_SCRYPT_COST = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 64;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

function scryptOptions(cost: number, r: number, p: number): ScryptOptions {
  const N = 2 ** cost;
  return { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 };
}

/** "scrypt$ln=15,r=8,p=1$<salt>$<key>" (base64url): the parameters travel with the hash. */
export async function hashPassword(password: string, options: HashOptions = {}): Promise<string> {
  const cost = options.cost ?? DEFAULT_SCRYPT_COST;
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, scryptOptions(cost, BLOCK_SIZE, PARALLELISM));
  return `scrypt$ln=${cost},r=${BLOCK_SIZE},p=${PARALLELISM}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time comparison against a stored hash; false (never a throw) for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = /^scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!match) return false;
  const [, ln, r, p, salt, key] = match;
  const expected = Buffer.from(key, 'base64url');
  if (Number(ln) > 20 || Number(r) > 32 || Number(p) > 16 || expected.length === 0) return false;
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, scryptOptions(Number(ln), Number(r), Number(p)));
  return timingSafeEqual(actual, expected);
}

/** The cost recorded in a stored hash, to rehash old ones when the configured cost rises. */
export function hashCost(stored: string): number | null {
  const match = /^scrypt\$ln=(\d+),/.exec(stored);
  return match ? Number(match[1]) : null;
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';

/** A random 16-character password that satisfies the policy (no look-alike characters). */
export function generatePassword(length = 16): string {
  const all = UPPER + LOWER + DIGITS;
  const chars = [UPPER, LOWER, DIGITS].map((set) => set[randomInt(set.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
