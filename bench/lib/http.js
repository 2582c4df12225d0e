'use strict';

// HTTP requests from the runner to the apps (one kept-alive agent).
const http = require('http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/**
 * One request; resolves with status, headers and body (or streams the body into onData). A request
 * that went out on a kept-alive socket the app had closed meanwhile (the runner's event loop was busy,
 * e.g. in a synchronous SQLite pass, when the close arrived) never reached the app: it is sent again
 * once, on a new socket (the retry Node's documentation gives for `req.reusedSocket`).
 */
const request = (method, url, options = {}) =>
  requestOnce(method, url, options).catch((e) => {
    if (e && e.reusedSocket && (e.code === 'ECONNRESET' || /socket hang up/.test(e.message))) return requestOnce(method, url, options);
    throw e;
  });
const requestOnce = (method, url, { token, json, onData, headers = {} } = {}) =>
  new Promise((resolve, reject) => {
    const payload = json === undefined ? null : Buffer.from(JSON.stringify(json));
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => (onData ? onData(c) : chunks.push(c)));
        res.on('end', () => {
          const text = onData ? '' : Buffer.concat(chunks).toString('utf8');
          let body = null;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode, headers: res.headers, body });
        });
        res.on('error', reject);
      }
    );
    req.on('error', (e) => {
      e.reusedSocket = req.reusedSocket;
      reject(e);
    });
    if (payload) req.write(payload);
    req.end();
  });

const expectStatus = (res, ok, what) => {
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
};

module.exports = { agent, request, expectStatus };
