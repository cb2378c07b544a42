// The office's password policy, one test per rule: more than 8 characters; upper case, lower
// case and digits; older than 6 months must be changed at next login; stored as a scrypt hash;
// repeated failures lock the name with a growing backoff.
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, WorkflowError, type Workflow } from '../../features/workflow/index.ts';
import { sha256 } from '../../features/workflow/auth.ts';
import { generatePassword, hashPassword, passwordExpired, passwordExpiresAt, passwordProblems, verifyPassword } from '../../features/workflow/passwords.ts';
import { rejection, TestClock, testWorkflow } from './helpers.ts';

let workflow: Workflow | undefined;
afterEach(() => workflow?.close());

describe('password composition', () => {
  it('requires more than 8 characters: 8 is refused, 9 is accepted', async () => {
    expect(passwordProblems('Bcdfgh12')).toEqual([expect.stringContaining('longer than 8')]);
    expect(passwordProblems('Bcdfgh123')).toEqual([]);
    workflow = await testWorkflow();
    const error = await rejection(workflow.users.create({ username: 'short', role: 'viewer', password: 'Bcdfgh12' }, SYSTEM_ACTOR));
    expect(error.code).toBe('weak_password');
    expect(error.extra.field).toBe('password');
    await expect(workflow.users.create({ username: 'long', role: 'viewer', password: 'Bcdfgh123' }, SYSTEM_ACTOR)).resolves.toMatchObject({ username: 'long' });
  });

  it('counts characters, not bytes (Vietnamese letters count once)', () => {
    expect(passwordProblems('Đạihội12')).toEqual([expect.stringContaining('longer than 8')]);
    expect(passwordProblems('Đạihội123')).toEqual([]);
  });

  it('requires an upper-case letter', () => {
    expect(passwordProblems('abcdefgh12')).toEqual(['must contain an upper-case letter']);
  });

  it('requires a lower-case letter', () => {
    expect(passwordProblems('ABCDEFGH12')).toEqual(['must contain a lower-case letter']);
  });

  it('requires a digit', () => {
    expect(passwordProblems('Abcdefghij')).toEqual(['must contain a digit']);
  });

  it('refuses common passwords, also with digits or symbols tacked on, though they meet the letter of the rules', () => {
    for (const common of ['Password1', 'Password123', 'Qwerty12345', 'Iloveyou2020', 'Dragon2024!', 'Abcdef123'])
      expect(passwordProblems(common), common).toEqual([expect.stringContaining('most common passwords')]);
    // Uncommon words with the same shape pass.
    expect(passwordProblems('Pleiku-Ialy-2020')).toEqual([]);
  });

  it('refuses a password that contains the user name, in any case', async () => {
    expect(passwordProblems('Thanh-Ho-2020', 'thanh')).toEqual(['must not contain the user name']);
    expect(passwordProblems('Pleiku-Ialy-2020', 'thanh')).toEqual([]);
    workflow = await testWorkflow();
    const error = await rejection(workflow.users.create({ username: 'thanh', role: 'viewer', password: '2020-THANH-ok' }, SYSTEM_ACTOR));
    expect(error.message).toContain('must not contain the user name');
  });

  it('reports every problem at once, and generated passwords comply', () => {
    expect(passwordProblems('abc')).toHaveLength(3);
    for (let i = 0; i < 50; i++) expect(passwordProblems(generatePassword())).toEqual([]);
  });

  it('applies the policy to password changes and admin resets too', async () => {
    const clock = new TestClock();
    workflow = await testWorkflow({ now: clock.now });
    await workflow.users.create({ username: 'lan', role: 'analyst', password: 'Tre-pass-2020' }, SYSTEM_ACTOR);
    expect((await rejection(workflow.auth.changePassword('lan', 'Tre-pass-2020', 'trepass2021', SYSTEM_ACTOR))).extra.field).toBe('newPassword');
    expect((await rejection(workflow.auth.changePassword('lan', 'Tre-pass-2020', 'Tre-pass-2020', SYSTEM_ACTOR))).code).toBe('password_reused');
    expect((await rejection(workflow.users.resetPassword('lan', 'short1A', SYSTEM_ACTOR))).code).toBe('weak_password');
  });
});

describe('password storage', () => {
  it('stores a salted scrypt hash with its parameters, never the password', async () => {
    const hash = await hashPassword('Secret-pass-1');
    expect(hash).toMatch(/^scrypt\$ln=15,r=8,p=1\$[\w-]{22}\$[\w-]{86}$/);
    expect(hash).not.toContain('Secret-pass-1');
    expect(await hashPassword('Secret-pass-1')).not.toBe(hash);
    expect(await verifyPassword('Secret-pass-1', hash)).toBe(true);
    expect(await verifyPassword('Secret-pass-2', hash)).toBe(false);
    expect(await verifyPassword('Secret-pass-1', 'plain:Secret-pass-1')).toBe(false);
  });

  it('treats composed and decomposed Vietnamese input as the same password', async () => {
    const hash = await hashPassword('Hội-nghị-2020', { cost: 10 });
    expect(await verifyPassword('Hội-nghị-2020'.normalize('NFD'), hash)).toBe(true);
  });

  it('keeps only hashes of passwords, session ids and API tokens in the database', async () => {
    workflow = await testWorkflow();
    await workflow.users.create({ username: 'minh', role: 'analyst', password: 'Thong-pass-2020', mustChangePassword: false }, SYSTEM_ACTOR);
    const login = await workflow.auth.login('minh', 'Thong-pass-2020');
    const { token } = workflow.auth.createToken('minh', { name: 'script' }, SYSTEM_ACTOR);
    const dump = JSON.stringify([
      workflow.db.prepare('SELECT * FROM users').all(),
      workflow.db.prepare('SELECT * FROM sessions').all(),
      workflow.db.prepare('SELECT * FROM api_tokens').all(),
      workflow.db.prepare('SELECT * FROM audit_log').all(),
    ]);
    expect(dump).not.toContain('Thong-pass-2020');
    expect(dump).not.toContain(login.sessionToken);
    expect(dump).not.toContain(token);
    expect(dump).toContain(sha256(login.sessionToken));
    expect(dump).toContain(sha256(token));
  });
});

describe('password age', () => {
  it('expires 6 calendar months after it was set, clamping to the end of shorter months', () => {
    expect(passwordExpiresAt(new Date('2020-04-15T10:00:00Z')).toISOString()).toBe('2020-10-15T10:00:00.000Z');
    expect(passwordExpiresAt(new Date('2020-08-31T00:00:00Z')).toISOString()).toBe('2021-02-28T00:00:00.000Z');
    expect(passwordExpired(new Date('2020-04-15T10:00:00Z'), new Date('2020-10-15T09:59:59Z'))).toBe(false);
    expect(passwordExpired(new Date('2020-04-15T10:00:00Z'), new Date('2020-10-15T10:00:00Z'))).toBe(true);
  });

  it('makes a password older than 6 months require a change at the next login, until changed', async () => {
    const clock = new TestClock(Date.parse('2020-01-10T08:00:00Z'));
    workflow = await testWorkflow({ now: clock.now });
    await workflow.users.create({ username: 'hoa', role: 'spokesperson', password: 'Cuc-pass-2020', mustChangePassword: false }, SYSTEM_ACTOR);

    clock.time = Date.parse('2020-07-09T08:00:00Z');
    const fresh = await workflow.auth.login('hoa', 'Cuc-pass-2020');
    expect(fresh.passwordChangeRequired).toBe(false);

    clock.time = Date.parse('2020-07-10T08:00:00Z');
    const old = await workflow.auth.login('hoa', 'Cuc-pass-2020');
    expect(old).toMatchObject({ passwordChangeRequired: true, reason: 'expired' });
    expect(workflow.auth.session(old.sessionToken)?.passwordChangeRequired).toBe(true);

    await workflow.auth.changePassword('hoa', 'Cuc-pass-2020', 'Cuc-pass-2021', SYSTEM_ACTOR, sha256(old.sessionToken));
    expect(workflow.auth.session(old.sessionToken)?.passwordChangeRequired).toBe(false);
    // The other session (from before the change) has ended.
    expect(workflow.auth.session(fresh.sessionToken)).toBeNull();
    expect((await workflow.auth.login('hoa', 'Cuc-pass-2021')).passwordChangeRequired).toBe(false);
  });

  it('refuses a return to any of the last 5 passwords, so a forced change cannot be undone', async () => {
    const clock = new TestClock(Date.parse('2020-01-10T08:00:00Z'));
    workflow = await testWorkflow({ now: clock.now });
    await workflow.users.create({ username: 'hoa', role: 'spokesperson', password: 'Cuc-pass-2020', mustChangePassword: false }, SYSTEM_ACTOR);
    clock.time = Date.parse('2020-07-10T08:00:00Z');
    await workflow.auth.changePassword('hoa', 'Cuc-pass-2020', 'Cuc-pass-2021', SYSTEM_ACTOR);
    // Straight back to the expired one: refused.
    expect((await rejection(workflow.auth.changePassword('hoa', 'Cuc-pass-2021', 'Cuc-pass-2020', SYSTEM_ACTOR))).code).toBe('password_reused');
    // Five more changes push the first one out of the history; then it may come back.
    const next = ['Sen-mk-2001', 'Sen-mk-2002', 'Sen-mk-2003', 'Sen-mk-2004', 'Sen-mk-2005'];
    let current = 'Cuc-pass-2021';
    for (const password of next) {
      clock.time += 60_000;
      await workflow.auth.changePassword('hoa', current, password, SYSTEM_ACTOR);
      current = password;
    }
    expect((await rejection(workflow.auth.changePassword('hoa', current, 'Cuc-pass-2021', SYSTEM_ACTOR))).code).toBe('password_reused');
    await expect(workflow.auth.changePassword('hoa', current, 'Cuc-pass-2020', SYSTEM_ACTOR)).resolves.toMatchObject({ username: 'hoa' });
    expect(workflow.db.prepare('SELECT count(*) AS n FROM password_history').get()).toEqual({ n: 5 });
  });

  it('counts wrong current passwords on the change form toward the lockout', async () => {
    workflow = await testWorkflow({ security: { lockout: { threshold: 3, baseSeconds: 60 } } });
    await workflow.users.create({ username: 'hoa', role: 'spokesperson', password: 'Cuc-pass-2020', mustChangePassword: false }, SYSTEM_ACTOR);
    for (let i = 0; i < 2; i++)
      expect((await rejection(workflow.auth.changePassword('hoa', `Guess-${i}-x2020`, 'Cuc-pass-2021', SYSTEM_ACTOR))).code).toBe('wrong_password');
    expect((await rejection(workflow.auth.changePassword('hoa', 'Guess-3-x2020', 'Cuc-pass-2021', SYSTEM_ACTOR))).code).toBe('account_locked');
    // Locked: even the right password is not checked, on the form or at login.
    expect((await rejection(workflow.auth.changePassword('hoa', 'Cuc-pass-2020', 'Cuc-pass-2021', SYSTEM_ACTOR))).code).toBe('account_locked');
    expect((await rejection(workflow.auth.login('hoa', 'Cuc-pass-2020'))).code).toBe('account_locked');
  });

  it('makes a password set by an admin a temporary one', async () => {
    workflow = await testWorkflow();
    await workflow.users.create({ username: 'tuan', role: 'viewer', password: 'Temp-pass-2020' }, SYSTEM_ACTOR);
    expect(await workflow.auth.login('tuan', 'Temp-pass-2020')).toMatchObject({ passwordChangeRequired: true, reason: 'reset' });
  });
});

describe('lockout with backoff', () => {
  const lockout = { threshold: 3, baseSeconds: 60, maxSeconds: 300, forgetAfterHours: 24 };

  async function setup() {
    const clock = new TestClock();
    workflow = await testWorkflow({ now: clock.now, security: { lockout } });
    await workflow.users.create({ username: 'an', role: 'analyst', password: 'An-pass-2020', mustChangePassword: false }, SYSTEM_ACTOR);
    return { clock, workflow };
  }

  it('locks a name after repeated failures, refusing even the right password while locked', async () => {
    const { clock, workflow: wf } = await setup();
    expect((await rejection(wf.auth.login('an', 'wrong-1'))).code).toBe('invalid_credentials');
    expect((await rejection(wf.auth.login('an', 'wrong-2'))).code).toBe('invalid_credentials');
    const locked = await rejection(wf.auth.login('an', 'wrong-3'));
    expect(locked).toMatchObject({ kind: 'locked', code: 'account_locked' });
    expect(locked.extra.retryAfterSeconds).toBe(60);

    clock.advance(30_000);
    const stillLocked = await rejection(wf.auth.login('an', 'An-pass-2020'));
    expect(stillLocked.code).toBe('account_locked');
    expect(stillLocked.extra.retryAfterSeconds).toBe(30);

    clock.advance(30_000);
    await expect(wf.auth.login('an', 'An-pass-2020')).resolves.toMatchObject({ user: { username: 'an' } });
    expect(wf.auth.lockState('an')).toEqual({ failures: 0, lockedUntil: null });
  });

  it('doubles the lock with each further failure, up to the maximum', async () => {
    const { clock, workflow: wf } = await setup();
    const retryAfter = async () => (await rejection(wf.auth.login('an', 'wrong'))).extra.retryAfterSeconds;
    await rejection(wf.auth.login('an', 'wrong'));
    await rejection(wf.auth.login('an', 'wrong'));
    const locks: Array<number | undefined> = [await retryAfter()];
    for (let i = 0; i < 4; i++) {
      clock.advance(locks[locks.length - 1]! * 1000);
      locks.push(await retryAfter());
    }
    expect(locks).toEqual([60, 120, 240, 300, 300]);
  });

  it('treats unknown names like known ones, so a lockout does not reveal which exist', async () => {
    const { workflow: wf } = await setup();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await rejection(wf.auth.login('nobody', 'Whatever-1'))).code);
    expect(codes).toEqual(['invalid_credentials', 'invalid_credentials', 'account_locked']);
  });

  it('refuses disabled users with the same answer as a wrong password', async () => {
    const { workflow: wf } = await setup();
    await wf.users.create({ username: 'admin', role: 'admin', password: 'Quantri-pass-2020', mustChangePassword: false }, SYSTEM_ACTOR);
    wf.users.update('an', { disabled: true }, SYSTEM_ACTOR);
    expect((await rejection(wf.auth.login('an', 'An-pass-2020'))).code).toBe('invalid_credentials');
  });

  it('forgets old failures, and an admin reset lifts the lock', async () => {
    const { clock, workflow: wf } = await setup();
    await rejection(wf.auth.login('an', 'wrong'));
    await rejection(wf.auth.login('an', 'wrong'));
    clock.advance(25 * 3_600_000);
    expect((await rejection(wf.auth.login('an', 'wrong'))).code).toBe('invalid_credentials');

    await rejection(wf.auth.login('an', 'wrong'));
    expect((await rejection(wf.auth.login('an', 'wrong'))).code).toBe('account_locked');
    await wf.users.resetPassword('an', 'An-newpass-2020', SYSTEM_ACTOR);
    await expect(wf.auth.login('an', 'An-newpass-2020')).resolves.toMatchObject({ passwordChangeRequired: true });
  });

  it('serialises concurrent attempts on one name, so a burst cannot exceed the threshold', async () => {
    const { workflow: wf } = await setup();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => wf.auth.login('an', 'wrong')));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as WorkflowError).code : 'ok'));
    expect(codes).toEqual(['invalid_credentials', 'invalid_credentials', 'account_locked', 'account_locked', 'account_locked', 'account_locked']);
    // Attempts refused while locked do not extend the lock.
    expect(wf.auth.lockState('an').failures).toBe(3);
  });

  it('records every failed and successful login in the audit log', async () => {
    const { workflow: wf } = await setup();
    await rejection(wf.auth.login('an', 'wrong'));
    await wf.auth.login('an', 'An-pass-2020', { ip: '10.0.0.7' });
    const entries = wf.audit.query({ action: 'auth.*', order: 'oldest' }).items;
    expect(entries.map((e) => [e.action, e.actor, e.detail?.reason ?? null])).toEqual([
      ['auth.login_failed', 'an', 'bad_password'],
      ['auth.login', 'an', null],
    ]);
    expect(entries[1].ip).toBe('10.0.0.7');
  });
});
