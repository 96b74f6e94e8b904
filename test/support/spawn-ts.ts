import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Starts a TypeScript file of this repo in a separate Node process (for crash and multi-process tests). */
export function spawnTypeScript(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(root, file), ...args], {
    cwd: root,
    env: { ...process.env, ...env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Reads a child's stdout line by line; each call of the returned function waits for the next line. */
export function outputLines(child: ChildProcess): () => Promise<string> {
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffer = '';
  let errors = '';
  let failure: Error | undefined;
  const failWaiting: ((error: Error) => void)[] = [];
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const waiter = waiting.shift();
      failWaiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  child.once('exit', (code) => {
    failure = new Error(`child exited (${String(code)}) before printing a line: ${errors}`);
    for (const fail of failWaiting.splice(0)) fail(failure);
    waiting.splice(0);
  });
  return () => {
    const ready = lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      waiting.push(resolve);
      failWaiting.push(reject);
    });
  };
}

export function firstOutputLine(child: ChildProcess): Promise<string> {
  return outputLines(child)();
}
