import { Command } from 'commander';
import { ConfigError } from '../core/config.ts';
import { commands } from './commands/index.ts';

const program = new Command('mediawatch')
  .description('Watch Vietnamese online media for a tracked event: crawl, flag, review, respond.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

// A reader that stops early (`mediawatch models | head`) closes the pipe: end quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Config problems and bad input are the user's to fix: print the message, not a stack.
  if (error instanceof ConfigError || (error as { userFacing?: boolean }).userFacing) {
    process.stderr.write(`mediawatch: ${(error as Error).message}\n`);
    process.exit(2);
  }
  throw error;
}
