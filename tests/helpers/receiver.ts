import http from 'node:http';
import type { Socket } from 'node:net';

export interface Received {
  path: string;
  delivery: string;
  event: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The status it was answered with (null: left hanging). */
  status: number | null;
}

/**
 * A local HTTP receiver for webhook deliveries. `/ok` answers 200; `/flaky` 500 while `failing` is
 * set; in `hang` mode nothing is answered (a receiver that stalls). `down()` closes the port (the
 * dispatcher then meets ECONNREFUSED), `up()` opens it again.
 */
export const startReceiver = async () => {
  const got: Received[] = [];
  const state = { failing: true, hang: false };
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const entry: Received = {
        path: req.url ?? '',
        delivery: String(req.headers['x-user-consent-delivery'] ?? ''),
        event: String(req.headers['x-strapi-event'] ?? ''),
        headers: req.headers,
        body: JSON.parse(raw || 'null'),
        status: null,
      };
      got.push(entry);
      if (state.hang) return;
      entry.status = req.url === '/flaky' && state.failing ? 500 : 200;
      res.statusCode = entry.status;
      res.end(entry.status === 200 ? 'ok' : 'no');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: (path = '/ok') => `http://127.0.0.1:${port}${path}`,
    got,
    state,
    /** The deliveries answered with 2xx, per delivery id. */
    answered: (path = '/ok') => {
      const by = new Map<string, Received[]>();
      for (const g of got) if (g.path === path && g.status === 200) by.set(g.delivery, [...(by.get(g.delivery) ?? []), g]);
      return by;
    },
    down: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      }),
    up: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r())),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
};

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Polls `check` until it returns true (or throws after `ms`). */
export const until = async (check: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition') => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};
