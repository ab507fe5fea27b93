/** Starting a real `erreichbar serve` (the built CLI) on a free loopback port for the serve tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

/** A running server: its base URL (`http://127.0.0.1:PORT/`) and the process. */
export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts `erreichbar serve --port 0` and resolves once it prints its address. */
export function startServer(extra: string[] = []): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin', 'erreichbar'), 'serve', '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--port', '0', '--quiet', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      if (url) {
        resolve({
          url,
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}
