import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { generatePassword, openWorkflow, ROLES, workflowOptionsFromConfig, type Actor, type Role, type Workflow } from '../../features/workflow/index.ts';
import { UserError } from '../errors.ts';

/** The audit log's name for whoever runs the command line. */
export function cliActor(): Actor {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? 'unknown';
  }
  return { username: `cli:${name}`, via: 'cli' };
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new UserError(`--role must be one of ${ROLES.join(', ')}, got "${value}"`);
  return value as Role;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UserError('--password-stdin: pipe the password in (echo ... | mediawatch users add ...)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const value = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!value) throw new UserError('--password-stdin: no password on standard input');
  return value;
}

async function withWorkflow<T>(configPath: string | undefined, work: (workflow: Workflow) => Promise<T> | T): Promise<T> {
  const workflow = openWorkflow(workflowOptionsFromConfig(loadConfig(configPath)));
  try {
    return await work(workflow);
  } finally {
    workflow.close();
  }
}

/** Prints a password (generated or not) on stdout, and what it means on stderr. */
function announcePassword(username: string, password: string, generated: boolean, mustChange: boolean): void {
  if (generated) process.stdout.write(`${password}\n`);
  process.stderr.write(
    `${generated ? `Password for "${username}" (printed above)` : `Password for "${username}" set`}` +
      (mustChange ? '; it must be changed at first login.\n' : '.\n'),
  );
}

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('manage the users of the API and dashboard (the first admin, scripts)')
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)');
  const configOf = (command: Command) => (command.optsWithGlobals() as { config?: string }).config;

  users
    .command('add <username>')
    .description('create a user; prints a generated password unless --password-stdin')
    .requiredOption('-r, --role <role>', `one of ${ROLES.join(', ')}`, parseRole)
    .option('--display-name <name>', 'full name shown in the dashboard')
    .option('--password-stdin', 'read the password from standard input')
    .option('--no-must-change', 'do not force a password change at first login')
    .action(async (username: string, options: { role: Role; displayName?: string; passwordStdin?: boolean; mustChange: boolean }, command: Command) => {
      const password = options.passwordStdin ? await readStdin() : generatePassword();
      await withWorkflow(configOf(command), async (workflow) => {
        const user = await workflow.users.create(
          { username, role: options.role, password, displayName: options.displayName, mustChangePassword: options.mustChange },
          cliActor(),
        );
        process.stderr.write(`Created ${user.role} "${user.username}".\n`);
        announcePassword(user.username, password, !options.passwordStdin, user.mustChangePassword);
      });
    });

  users
    .command('list')
    .description('list users')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withWorkflow(configOf(command), (workflow) => {
        const list = workflow.users.list();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (!list.length) {
          process.stderr.write('No users yet. Create the first admin: mediawatch users add <name> --role admin\n');
          return;
        }
        const rows = list.map((user) => [
          user.username,
          user.role,
          user.disabled ? 'disabled' : user.mustChangePassword ? 'must change password' : user.passwordExpired ? 'password expired' : 'active',
          user.passwordChangedAt.slice(0, 10),
          user.displayName ?? '',
        ]);
        const header = ['USER', 'ROLE', 'STATE', 'PASSWORD SET', 'NAME'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
        for (const row of [header, ...rows])
          process.stdout.write(
            `${row
              .map((cell, i) => cell.padEnd(widths[i]))
              .join('  ')
              .trimEnd()}\n`,
          );
      });
    });

  users
    .command('disable <username>')
    .description('disable a user: ends their sessions, stops their tokens')
    .action(async (username: string, _options: unknown, command: Command) => {
      await withWorkflow(configOf(command), (workflow) => {
        workflow.users.update(username, { disabled: true }, cliActor());
        process.stderr.write(`Disabled "${username.toLowerCase()}".\n`);
      });
    });

  users
    .command('enable <username>')
    .description('enable a disabled user again')
    .action(async (username: string, _options: unknown, command: Command) => {
      await withWorkflow(configOf(command), (workflow) => {
        workflow.users.update(username, { disabled: false }, cliActor());
        process.stderr.write(`Enabled "${username.toLowerCase()}".\n`);
      });
    });

  users
    .command('reset-password <username>')
    .description("set a new password (generated unless --password-stdin); ends the user's sessions and unlocks the name")
    .option('--password-stdin', 'read the password from standard input')
    .option('--no-must-change', 'do not force a password change at next login')
    .action(async (username: string, options: { passwordStdin?: boolean; mustChange: boolean }, command: Command) => {
      const password = options.passwordStdin ? await readStdin() : generatePassword();
      await withWorkflow(configOf(command), async (workflow) => {
        const user = await workflow.users.resetPassword(username, password, cliActor(), { mustChange: options.mustChange });
        announcePassword(user.username, password, !options.passwordStdin, user.mustChangePassword);
      });
    });

  users
    .command('token <username>')
    .description('issue an API token for scripts (printed once on stdout)')
    .requiredOption('-n, --name <name>', 'what the token is for')
    .option('-r, --role <role>', "token role (default: the user's role)", parseRole)
    .option('--expires-days <n>', 'expire after this many days', (value) => {
      const days = Number(value);
      if (!Number.isInteger(days) || days < 1) throw new UserError(`--expires-days must be a positive whole number, got "${value}"`);
      return days;
    })
    .action(async (username: string, options: { name: string; role?: Role; expiresDays?: number }, command: Command) => {
      await withWorkflow(configOf(command), (workflow) => {
        const { token, info } = workflow.auth.createToken(username, { name: options.name, role: options.role, expiresInDays: options.expiresDays }, cliActor());
        process.stdout.write(`${token}\n`);
        process.stderr.write(`Token ${info.id} (${info.role}) for "${info.username}"; send it as "Authorization: Bearer <token>". It is not shown again.\n`);
      });
    });
}
