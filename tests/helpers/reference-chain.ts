/**
 * The first implementation of the chain's hash and of its verification, copied as they were (only
 * made standalone), to hold the faster ones to: chains hashed with these must keep verifying, and
 * verification must keep giving the same verdicts.
 */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { GENESIS, HEAD_TABLE, PROOF_FIELDS } from '../../server/src/events/chain';

export const refSha256 = (data: string) => crypto.createHash('sha256').update(data, 'utf8').digest('hex');

export const refCanonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : refCanonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${refCanonicalJson(obj[k])}`).join(',')}}`;
};

const refNormalise = (field: string, value: unknown) => {
  if (value === undefined || value === null) return null;
  if (field === 'recordedAt') return new Date(value as string | Date).toISOString();
  if (field === 'seq') return String(value);
  if (typeof value === 'boolean') return value;
  if (field === 'prechecked' || field === 'fullTextOpened') return Boolean(value);
  return value;
};

export const refProofJson = (row: Record<string, unknown>) => {
  const proof: Record<string, unknown> = {};
  for (const f of PROOF_FIELDS) proof[f] = refNormalise(f, row[f]);
  return refCanonicalJson(proof);
};

export const refEventHash = (row: Record<string, unknown>) => refSha256(refProofJson(row));

interface Broken {
  id: number | null;
  seq: string;
  reason: string;
}

const CONSENT = 'plugin::user-consent.consent';
const BATCH = 5000;

/** The first integrity.verify (query engine batches), without the trigger listing and the date. */
export const refVerify = async (strapi: Core.Strapi) => {
  const query = strapi.db.query(CONSENT);
  const head = await strapi.db.connection(HEAD_TABLE).where({ id: 1 }).first('seq', 'hash');
  const headSeq = head ? BigInt(head.seq) : BigInt(0);
  const select = ['id', 'hash', ...PROOF_FIELDS];
  let expectedSeq = BigInt(1);
  let prevHash = GENESIS;
  let checked = 0;
  let firstBroken: Broken | null = null;
  let last: bigint = BigInt(0);

  outer: for (;;) {
    const rows: Record<string, any>[] = await query.findMany({
      select,
      where: { seq: { $gt: last.toString(), $lte: headSeq.toString() } },
      orderBy: [{ seq: 'asc' }, { id: 'asc' }],
      limit: BATCH,
    });
    if (!rows.length) break;
    for (const row of rows) {
      const seq = BigInt(row.seq);
      if (seq < expectedSeq) {
        firstBroken = { id: row.id, seq: seq.toString(), reason: `duplicate seq ${seq}: a record was inserted into the chain` };
        break outer;
      }
      if (seq > expectedSeq) {
        firstBroken = { id: row.id, seq: seq.toString(), reason: `records ${expectedSeq}${seq - expectedSeq > BigInt(1) ? `–${seq - BigInt(1)}` : ''} are missing before this one: removed from the chain` };
        break outer;
      }
      if (row.prevHash !== prevHash) {
        firstBroken = { id: row.id, seq: seq.toString(), reason: 'its previous-hash does not match the record before it: a record was removed or inserted' };
        break outer;
      }
      if (refEventHash(row) !== row.hash) {
        firstBroken = { id: row.id, seq: seq.toString(), reason: 'its content does not match its hash: the record was altered' };
        break outer;
      }
      prevHash = row.hash;
      expectedSeq = seq + BigInt(1);
      checked += 1;
    }
    last = BigInt(rows[rows.length - 1].seq);
    if (rows.length < BATCH) break;
  }

  if (!firstBroken && head) {
    if (headSeq !== expectedSeq - BigInt(1)) {
      firstBroken = { id: null, seq: expectedSeq.toString(), reason: `records ${expectedSeq}–${headSeq} are missing at the end of the chain (the chain head says ${headSeq})` };
    } else if (head.hash !== prevHash) {
      firstBroken = { id: null, seq: headSeq.toString(), reason: 'the chain head does not match the last record' };
    }
  }
  if (!firstBroken) {
    const current = await strapi.db.connection(HEAD_TABLE).where({ id: 1 }).first('seq');
    const stray: Record<string, any> | null = await query.findOne({
      select: ['id', 'seq'],
      where: { seq: { $gt: String(current?.seq ?? 0) } },
      orderBy: { seq: 'asc' },
    });
    const unsequenced = await query.findOne({ select: ['id'], where: { seq: { $null: true } } });
    if (stray) firstBroken = { id: stray.id, seq: String(stray.seq), reason: 'recorded after the chain head: inserted outside the plugin' };
    else if (unsequenced) firstBroken = { id: unsequenced.id, seq: '', reason: 'has no place in the chain: inserted outside the plugin' };
  }
  return { intact: !firstBroken, checked, head: head ? { seq: String(head.seq), hash: head.hash } : null, firstBroken };
};

/**
 * The keyed hash a consent event carries of its personal record, written out independently of the
 * plugin: HMAC-SHA256 under the record's own key (hex) of `uc-personal:` and the canonical JSON of
 * its six personal fields (absent = null).
 */
export const refPersonalHash = (secret: string, part: Record<string, unknown>) => {
  const canonical: Record<string, unknown> = {};
  for (const f of ['subject', 'ip', 'userAgent', 'pageQuery', 'data', 'note']) canonical[f] = part[f] ?? null;
  return crypto.createHmac('sha256', Buffer.from(secret, 'hex')).update(`uc-personal:${refCanonicalJson(canonical)}`, 'utf8').digest('hex');
};
