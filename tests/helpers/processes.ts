import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildApp {
  port: number;
  url: string;
  proc: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts another Strapi process of the playground on the given database environment. It listens on a
 * port the system gives it (a port picked here could be taken by any outgoing connection before the
 * child binds it), and tells which one.
 */
export const startChildApp = (env: Record<string, string>): Promise<ChildApp> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(__dirname, 'child-app.js')], {
      env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`child app did not start: ${out}`)), 90_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const ready = /ready (\d+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        const port = Number(ready[1]);
        resolve({
          port,
          url: `http://127.0.0.1:${port}`,
          proc,
          stop: () =>
            new Promise<void>((r) => {
              proc.once('exit', () => r());
              proc.kill('SIGTERM');
              setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
            }),
        });
      }
    });
    proc.stderr!.on('data', (d) => (out += d));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child app exited with ${code}: ${out}`));
    });
  });

export const stopAll = (apps: ChildApp[]) => Promise.all(apps.map((a) => a.stop()));

/**
 * `count` more Strapi processes of the playground on the given database environment. When one fails
 * to start, those that did are stopped before the error is thrown.
 */
export const startChildApps = async (env: Record<string, string>, count = 2): Promise<ChildApp[]> => {
  // One after the other: on MariaDB two boots that sync the schema at the same moment can both try
  // to drop and re-create the same foreign key, and one of them fails.
  const apps: ChildApp[] = [];
  for (let i = 0; i < count; i += 1) {
    try {
      apps.push(await startChildApp(env));
    } catch (e) {
      await stopAll(apps);
      throw e;
    }
  }
  return apps;
};
