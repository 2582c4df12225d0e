import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import { eventHash, GENESIS, HEAD_TABLE, PROOF_FIELDS } from './chain';
import { listTriggers } from '../guards/triggers';

export interface Broken {
  /** The record where the chain breaks (null when records at the end are missing). */
  id: number | null;
  seq: string;
  reason: string;
}

export interface IntegrityReport {
  intact: boolean;
  checked: number;
  head: { seq: string; hash: string } | null;
  firstBroken: Broken | null;
  triggersMissing: string[];
  checkedAt: string;
}

const BATCH = 5000;

/**
 * Walks the whole chain in seq order and recomputes every hash. A changed record fails its own hash;
 * a removed one leaves a gap in seq (or a prevHash that no longer matches); an inserted one breaks
 * the prevHash of the next or duplicates a seq; records removed from the end disagree with the head.
 */
const integrity = ({ strapi }: { strapi: Core.Strapi }) => ({
  async verify(): Promise<IntegrityReport> {
    const query = strapi.db.query(UIDS.consent);
    // Appends may go on while we verify: check the chain up to the head as it is now.
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
        if (eventHash(row) !== row.hash) {
          firstBroken = { id: row.id, seq: seq.toString(), reason: 'its content does not match its hash: the record was altered' };
          break outer;
        }
        prevHash = row.hash;
        expectedSeq = seq + BigInt(1);
        checked += 1;
      }
      // Duplicated seq values straddling a batch boundary are still caught: the next batch starts
      // strictly after the last seq, and a duplicate inside one batch is caught above.
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
      // A record beyond the head that the head does not know of was not appended by the plugin.
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
    const { missing } = await listTriggers(strapi);
    return {
      intact: !firstBroken,
      checked,
      head: head ? { seq: String(head.seq), hash: head.hash } : null,
      firstBroken,
      triggersMissing: missing,
      checkedAt: new Date().toISOString(),
    };
  },
});

export default integrity;
