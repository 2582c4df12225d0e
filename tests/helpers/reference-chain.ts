/**
 * The first implementation of the chain's verification, copied as it was (only made standalone), to
 * hold the faster one to: verification must keep giving the same verdicts. The hash it recomputes is
 * reference-proof.ts's, written from the specification (with `collectedAt`, which imported consents
 * carry), not the plugin's.
 */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { REF_GENESIS, REF_HASHED_FIELDS, REF_HEAD_TABLE, refCanonicalJson, refEventHash } from './reference-proof';

export { refSha256, refCanonicalJson, refNormalise, refProofJson, refEventHash } from './reference-proof';

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
  const head = await strapi.db.connection(REF_HEAD_TABLE).where({ id: 1 }).first('seq', 'hash');
  const headSeq = head ? BigInt(head.seq) : BigInt(0);
  const select = ['id', 'hash', ...REF_HASHED_FIELDS];
  let expectedSeq = BigInt(1);
  let prevHash = REF_GENESIS;
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
    const current = await strapi.db.connection(REF_HEAD_TABLE).where({ id: 1 }).first('seq');
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
 * its six personal fields (absent = null), and `evidence` (the SHA-256 of an imported consent's
 * evidence file; added later, so only when set).
 */
export const refPersonalHash = (secret: string, part: Record<string, unknown>) => {
  const canonical: Record<string, unknown> = {};
  for (const f of ['subject', 'ip', 'userAgent', 'pageQuery', 'data', 'note']) canonical[f] = part[f] ?? null;
  if (part.evidence) canonical.evidence = part.evidence;
  return crypto.createHmac('sha256', Buffer.from(secret, 'hex')).update(`uc-personal:${refCanonicalJson(canonical)}`, 'utf8').digest('hex');
};
