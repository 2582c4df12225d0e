import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Harness } from '../helpers/strapi';
import { withScenario, giveOnContact, type Scenario } from '../helpers/scenario';
import { startReceiver, until, type Receiver } from '../helpers/receiver';
import { dropTriggers } from '../helpers/triggers';
import { rejection } from '../helpers/rejection';
import { refEventHash, REF_HASHED_FIELDS, REF_HEAD_TABLE, REF_GENESIS } from '../helpers/reference-proof';

const ROOT = path.resolve(__dirname, '../..');
const CONSENT = 'plugin::user-consent.consent';
const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Signed checkpoints of the chain: signed at the first start, on the schedule and from the admin,
 * published with their JWS, pushed to a witness, append-only, and checked by `npm run verify-consents
 * -- --checkpoints FILE`, which finds a history rewritten with the triggers dropped and every hash
 * recomputed, while the chain alone looks intact.
 */
describe('signed checkpoints of the chain', () => {
  let h: Harness;
  let s: Scenario;
  let witness: Receiver;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-checkpoints-'));
  // Read by the boot (setup() applies it then), after the witness below has its port.
  const env: Record<string, string> = { UC_CHECKPOINT_CRON: '0 0 1 1 *' };

  beforeAll(async () => {
    witness = await startReceiver();
    env.UC_CHECKPOINT_WITNESS_URL = witness.url('/witness');
  });
  withScenario((app) => ({ h, s } = app), { env });
  afterAll(async () => {
    await witness?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The app's public keys, as GET /api/user-consent/jwks.json publishes them. */
  const jwks = async () => {
    const { keyRing } = require('../../server/src/signing/keys');
    return (await keyRing(h.strapi)).jwks;
  };
  const verifyJws = async (jws: string) => {
    const { verifyCompactJws } = require('../../server/src/signing/keys');
    return verifyCompactJws(jws, await jwks());
  };

  /** Runs the command against this test's database, as an operator would. */
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/verify-consents.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...h.db.env, LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  const list = async (query = '') => {
    const res = await h.http().get(`/api/user-consent/checkpoints${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('signs the head at the first start and publishes it with its JWS', async () => {
    const res = await h.http().get('/api/user-consent/checkpoints/latest');
    expect(res.status).toBe(200);
    const cp = res.body.data;
    expect(cp).toMatchObject({ number: 1, seq: '0', hash: REF_GENESIS, events: 0, reason: 'startup', previous: null });
    const { content, header } = await verifyJws(cp.jws);
    expect(header).toMatchObject({ alg: 'EdDSA', kid: cp.kid, typ: 'uc-checkpoint+jws' });
    expect(content).toEqual({ type: 'user-consent.checkpoint', version: 1, number: 1, seq: '0', hash: REF_GENESIS, events: 0, signedAt: cp.signedAt, reason: 'startup', previous: null });
  });

  it('keeps them append-only in the database', async () => {
    const k = h.strapi.db.connection;
    expect(await rejection(k('uc_checkpoints').where({ number: 1 }).update({ hash: 'f'.repeat(64) }))).toMatch(/user-consent: refused/);
    expect(await rejection(k('uc_checkpoints').where({ number: 1 }).delete())).toMatch(/user-consent: refused/);
    expect((await list()).meta.pagination.total).toBe(1);
  });

  it('pushes each new checkpoint to the witness', async () => {
    await until(() => witness.got.some((g) => g.path === '/witness'), 60_000, 'the witness to receive the start-up checkpoint');
    const got = witness.got.find((g) => g.path === '/witness')!;
    const latest = (await h.http().get('/api/user-consent/checkpoints/latest')).body.data;
    expect(got.headers['content-type']).toMatch(/application\/json/);
    expect(got.body).toMatchObject({ type: 'user-consent.checkpoint', kid: latest.kid, jws: latest.jws, checkpoint: { number: 1, seq: '0' } });
  });

  it('signs the head on demand from the admin, only when the chain has moved', async () => {
    for (let i = 0; i < 3; i += 1) await giveOnContact(h, s, { name: 'N', email: `p${i}@example.com` });
    const head = await h.strapi.db.connection(REF_HEAD_TABLE).where({ id: 1 }).first('seq', 'hash');
    const first = (await h.http().get('/api/user-consent/checkpoints/latest')).body.data;
    const res = await h.admin.post('/user-consent/checkpoints').send({});
    expect(res.status).toBe(201);
    expect(res.body.meta).toEqual({ created: true });
    expect(res.body.data).toMatchObject({ number: 2, seq: '6', hash: head.hash, events: 6, reason: 'admin', previous: sha256(first.jws) });
    expect((await verifyJws(res.body.data.jws)).content).toMatchObject({ number: 2, seq: '6', hash: head.hash });
    // Nothing moved: the latest is answered, nothing new stored.
    const again = await h.admin.post('/user-consent/checkpoints').send({});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ data: { number: 2, jws: res.body.data.jws }, meta: { created: false } });
    const status = await h.admin.get('/user-consent/checkpoints/latest');
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({ signing: true, latest: { number: 2, seq: '6' } });
    await until(() => witness.got.some((g) => g.body?.checkpoint?.number === 2), 60_000, 'the witness to receive checkpoint 2');
  });

  it('stores one checkpoint of a head however many ask at once', async () => {
    await giveOnContact(h, s, { name: 'N', email: 'p3@example.com' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.admin.post('/user-consent/checkpoints').send({})));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.data.number))).toEqual(new Set([3]));
    expect((await list()).meta.pagination.total).toBe(3);
  });

  it('signs all the same when the witness is down', async () => {
    await witness.down();
    try {
      await giveOnContact(h, s, { name: 'N', email: 'p5@example.com' });
      const res = await h.admin.post('/user-consent/checkpoints').send({});
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ number: 4, seq: '10', reason: 'admin' });
    } finally {
      await witness.up();
    }
  });

  it('signs on its schedule when the chain moved, and not otherwise', async () => {
    const job = (h.strapi.cron as any).jobs.find((j: any) => j.name === 'user-consent-checkpoint');
    expect(job.options).toEqual({ rule: '0 0 1 1 *' });
    await job.job.trigger();
    expect((await list()).meta.pagination.total).toBe(4);
    await giveOnContact(h, s, { name: 'N', email: 'p4@example.com' });
    await job.job.trigger();
    const latest = (await h.http().get('/api/user-consent/checkpoints/latest')).body.data;
    expect(latest).toMatchObject({ number: 5, seq: '12', reason: 'schedule' });
  });

  it('lists them newest first, page by page, and refuses a bad query with a code', async () => {
    const page1 = await list('?page=1&pageSize=3');
    expect(page1.data.map((c: any) => c.number)).toEqual([5, 4, 3]);
    expect(page1.meta.pagination).toEqual({ page: 1, pageSize: 3, pageCount: 2, total: 5 });
    const page2 = await list('?page=2&pageSize=3');
    expect(page2.data.map((c: any) => c.number)).toEqual([2, 1]);
    for (const q of ['?pageSize=0', '?pageSize=101', '?page=x', '?sort=seq']) {
      const res = await h.http().get(`/api/user-consent/checkpoints${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].code).toEqual(expect.any(String));
    }
  });

  it('guards the admin routes with the verify action', async () => {
    expect((await h.http().post('/user-consent/checkpoints').send({})).status).toBe(401);
    const reader = await h.adminWithActions(['plugin::user-consent.consents.read']);
    expect((await reader.post('/user-consent/checkpoints').send({})).status).toBe(403);
    expect((await reader.get('/user-consent/checkpoints/latest')).status).toBe(403);
    const verifier = await h.adminWithActions(['plugin::user-consent.consents.verify']);
    expect((await verifier.post('/user-consent/checkpoints').send({})).status).toBe(200);
  });

  /** The list route's answer, kept elsewhere. */
  let kept: string;
  const jwsOf = (body: any) => body.data.map((c: any) => c.jws) as string[];

  it('verify-consents --checkpoints finds every kept checkpoint holding, in each file format', async () => {
    const body = await list('?pageSize=100');
    kept = path.join(dir, 'checkpoints.json');
    fs.writeFileSync(kept, JSON.stringify(body));
    const out = run('--checkpoints', kept);
    expect(out.stderr).not.toMatch(/REWRITTEN|INVALID|BROKEN/);
    expect(out.stdout).toMatch(/checkpoint No\. 5 \(position 12, signed .*\): holds/);
    expect(out.stdout).toMatch(/checkpoints: all 5 hold/);
    expect(out.status).toBe(0);
    // JSON lines of bare JWS strings, with the public keys kept in a file of their own.
    const lines = path.join(dir, 'checkpoints.jsonl');
    fs.writeFileSync(lines, `${jwsOf(body).join('\n')}\n`);
    const keys = path.join(dir, 'jwks.json');
    fs.writeFileSync(keys, JSON.stringify(await jwks()));
    const fromLines = run('--checkpoints', lines, '--jwks', keys);
    expect(fromLines.stdout).toMatch(/checkpoints: all 5 hold/);
    expect(fromLines.status).toBe(0);
  });

  it('refuses a checkpoint changed by one character or signed with another key', async () => {
    const body = await list('?pageSize=100');
    const [jws] = jwsOf(body);
    const [head, payload, sig] = jws.split('.');
    const content = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    // One character of the hash changed (to another one: a hash that starts with 0 stays forged).
    const forgedPayload = Buffer.from(JSON.stringify({ ...content, hash: `${content.hash[0] === '0' ? '1' : '0'}${content.hash.slice(1)}` })).toString('base64url');
    const changed = [head, forgedPayload, sig].join('.');
    // Another key under the same kid: what someone without the private key could sign.
    const { generateSigningKey, buildKeyRing, signContent } = require('../../server/src/signing/keys');
    const kid = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')).kid;
    const foreign = await signContent(await buildKeyRing({ keys: [generateSigningKey(kid)], activeKid: null }), content, 'uc-checkpoint+jws');
    const file = path.join(dir, 'forged.jsonl');
    fs.writeFileSync(file, [changed, foreign, 'not a checkpoint'].map((j) => JSON.stringify(j)).join('\n'));
    const out = run('--checkpoints', file);
    expect(out.status).toBe(1);
    expect(out.stderr.match(/INVALID entry \d: its signature does not verify/g)).toHaveLength(3);
  });

  it('finds a history rewritten with the triggers dropped and every hash recomputed; the chain alone looks intact', async () => {
    // The tamperer: drops the guards, alters the third event and recomputes the whole chain after it,
    // as the specification computes hashes (tests/helpers/reference-proof.ts), and moves the head.
    await dropTriggers(h.strapi);
    const meta = h.strapi.db.metadata.get(CONSENT);
    const col = (a: string) => (meta.attributes[a] as { columnName?: string }).columnName ?? a;
    const k = h.strapi.db.connection;
    const rows: Record<string, any>[] = await h.strapi.db.query(CONSENT).findMany({ select: ['id', 'hash', ...REF_HASHED_FIELDS], orderBy: { seq: 'asc' } });
    expect(rows.length).toBe(12);
    let prevHash = REF_GENESIS;
    for (const row of rows) {
      if (row.seq === '3' || Number(row.seq) === 3) row.pageUrl = 'https://rewritten.example/';
      row.prevHash = prevHash;
      const hash = refEventHash(row);
      await k(meta.tableName)
        .where({ id: row.id })
        .update({ [col('pageUrl')]: row.pageUrl, [col('prevHash')]: prevHash, [col('hash')]: hash });
      prevHash = hash;
    }
    await k(REF_HEAD_TABLE).where({ id: 1 }).update({ hash: prevHash });

    const alone = run();
    expect(alone.stderr).not.toMatch(/BROKEN/);
    expect(alone.stdout).toMatch(/intact: 12 consent event\(s\) verified/);
    expect(alone.status).toBe(0);

    const withFile = run('--checkpoints', kept);
    expect(withFile.status).not.toBe(0);
    expect(withFile.stdout).toMatch(/intact: 12 consent event\(s\) verified/);
    expect(withFile.stdout).toMatch(/checkpoint No\. 1 \(position 0, .*\): holds/);
    for (const [n, seq] of [[2, 6], [3, 8], [4, 10], [5, 12]]) {
      expect(withFile.stderr).toMatch(new RegExp(`REWRITTEN checkpoint No\\. ${n} \\(position ${seq}, .*\\): the event at position ${seq} now has hash [0-9a-f]{64}, the checkpoint signed [0-9a-f]{64}`));
    }
    expect(withFile.stderr).toMatch(/checkpoints: 4 of 5 do not hold/);
  });
});
