// Runs the OCR and PDF programs (tesseract, pdftotext, pdfinfo, pdftoppm) as child processes with
// a deadline and an output cap, and words their failures for the crawl report.
import { spawn } from 'node:child_process';

export interface ToolRun {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

export interface ToolOptions {
  /** Written to the program's stdin (then closed). */
  input?: Buffer;
  timeoutMs: number;
  /** Output beyond this is an error (a runaway program), default 64 MB. */
  maxOutputBytes?: number;
}

/** A program that could not run or finish, with a reason an analyst can read. */
export class ToolError extends Error {
  override name = 'ToolError';
}

const INSTALL_HINT = 'run scripts/install-ocr.sh';

/** Runs `command args` and collects its output; kills it (and says so) at the deadline. */
export function runTool(command: string, args: string[], options: ToolOptions): Promise<ToolRun> {
  const maxOutput = options.maxOutputBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    // One OpenMP thread: the crawl and the other OCR jobs share the machine's cores.
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let failure: ToolError | undefined;
    const stop = (reason: string) => {
      failure ??= new ToolError(reason);
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(`${command} took longer than ${Number((options.timeoutMs / 1000).toFixed(2))} s and was stopped`), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput) stop(`${command} produced more than ${maxOutput} bytes of output and was stopped`);
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 64) err.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new ToolError(`${command} is not installed; ${INSTALL_HINT}`)
          : new ToolError(`${command} could not be started (${error.message})`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code });
    });
    // The program may exit without reading all of its input (a file it rejects at the header).
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
  });
}

/** The first meaningful line a program wrote on stderr, for a failure reason. */
export function firstLine(stderr: string): string {
  return (
    stderr
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line && !/^(Estimating resolution|Warning: Invalid resolution|Detected \d+ diacritics)/.test(line)) ?? 'no message'
  );
}
