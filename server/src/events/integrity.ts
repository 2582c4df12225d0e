import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, UIDS } from '../pluginId';
import { defaultConfig } from '../config';
import { eventHash, GENESIS, HEAD_TABLE, HASHED_FIELDS } from './chain';
import { personalMatches } from './personal';
import { reader as heavyReads, replicaStatus, usesReplica } from './replica';
import { getService } from '../utils';
import { jsonColumn } from './raw-rows';
import { listTriggers } from '../guards/triggers';
import { rowReader } from './raw-rows';
import type { IntegrityReport } from '../../../shared/contracts/log';
import { saveIntegritySummary } from './integrity-summary';
import { readHeads } from './lanes';
import { jwsOfFile, type CheckpointsReport } from './checkpoints';

/** Where and why the chain breaks: the report's `firstBroken`. */
export type Broken = NonNullable<IntegrityReport['firstBroken']>;
export type { IntegrityReport };

const ONE = BigInt(1);

type Row = Record<string, any>;

/**
 * Walks the whole chain in seq order and recomputes every hash. A changed record fails its own hash;
 * a removed one leaves a gap in seq (or a prevHash that no longer matches); an inserted one breaks
 * the prevHash of the next or duplicates a seq; records removed from the end disagree with the head.
 *
 * The rows are read with knex in seq-keyset batches, the next batch's query in flight while the
 * current one is hashed, and mapped as the query engine maps them (events/raw-rows). A row whose
 * values the fast mapping does not vouch for, and a row that fails a check, is read again through
 * the query engine and checked as that gives it: the verdict is always the query engine's.
 */
const integrity = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Checkpoints kept elsewhere (events/checkpoints.ts, `jwsOfFile` for the file formats): each one's
   * signature, and whether the event at its position still has the signed hash. Run with verify():
   * together they show a history rewritten before any checkpoint, even with every hash recomputed.
   */
  verifyCheckpoints(jwsList: (string | null)[], jwks?: { keys: unknown[] }): Promise<CheckpointsReport> {
    return getService('checkpoints', strapi).verify(jwsList, jwks);
  },

  /** The same for the text of a file of checkpoints (the formats `jwsOfFile` reads). */
  verifyCheckpointFile(text: string, jwks?: { keys: unknown[] }): Promise<CheckpointsReport> {
    return getService('checkpoints', strapi).verify(jwsOfFile(text), jwks);
  },

  async verify(): Promise<IntegrityReport> {
    const query = strapi.db.query(UIDS.consent);
    const meta = strapi.db.metadata.get(UIDS.consent);
    // The replica when one is configured (events/replica.ts): the chain, its head and the personal
    // records it names are all read there, one consistent state.
    const knex = heavyReads(strapi);
    const select = ['id', 'hash', ...HASHED_FIELDS];
    const reader = rowReader(meta, select);
    // Rows per batch (`verifyBatchSize`).
    const BATCH = Number(strapi.config.get(`plugin::${PLUGIN_ID}.verifyBatchSize`)) || defaultConfig.verifyBatchSize;
    const seqColumn = reader.column('seq');
    const idColumn = reader.column('id');
    // Appends may go on while we verify: check the chain up to the heads as they are now. Several
    // lanes (events/lanes.ts): each lane is checked by its own links, up to its own head.
    const heads = await readHeads(knex);
    const head = heads[0];
    const single = heads.length <= 1;
    const lanes = heads.map((h) => ({ headSeq: BigInt(h.seq), headHash: h.hash, prevHash: GENESIS, lastSeq: BigInt(0) }));
    const headSeq = heads.reduce((max, h) => (BigInt(h.seq) > max ? BigInt(h.seq) : max), BigInt(0));
    let expectedSeq = BigInt(1);
    let prevHash = GENESIS;
    let checked = 0;
    let firstBroken: Broken | null = null;

    // Keyset batches on (seq, id): a second record with the seq that ends a batch (a copy inserted
    // where the unique index on seq was dropped) is the next batch's first row, and caught there.
    const batchAfter = (last: string, lastId: unknown): Promise<Row[]> =>
      knex(meta.tableName)
        .select(reader.columns)
        .where(seqColumn, '>=', last)
        .andWhere((qb) => qb.where(seqColumn, '>', last).orWhere(idColumn, '>', lastId as any))
        .andWhere(seqColumn, '<=', headSeq.toString())
        .orderBy([
          { column: seqColumn, order: 'asc' },
          { column: idColumn, order: 'asc' },
        ])
        .limit(BATCH)
        .then((rows: Row[]) => rows);
    const viaQueryEngine = async (id: unknown): Promise<Row | null> => query.findOne({ select, where: { id } });

    let seq = BigInt(0);
    /** The lane of the row checked last. */
    let laneOf = 0;
    /** The checks of one row, in their order; null when it holds (`seq` is then the row's seq). */
    const check = (row: Row): Broken | null => {
      seq = BigInt(row.seq);
      laneOf = row.lane == null ? 0 : Number(row.lane);
      if (!single) {
        const lane = lanes[laneOf];
        if (!lane) return { id: row.id, seq: seq.toString(), reason: `it names lane ${laneOf}, which the chain does not have: inserted outside the plugin`, code: 'unknown-lane', params: { lane: String(laneOf) } };
        if (row.prevHash !== lane.prevHash) {
          return { id: row.id, seq: seq.toString(), reason: `its previous-hash does not match the record before it in lane ${laneOf}: a record was removed, inserted or moved`, code: 'lane-prev-hash-mismatch', params: { lane: String(laneOf) } };
        }
        if (eventHash(row) !== row.hash) return { id: row.id, seq: seq.toString(), reason: 'its content does not match its hash: the record was altered', code: 'altered' };
        return null;
      }
      if (seq < expectedSeq) return { id: row.id, seq: seq.toString(), reason: `duplicate seq ${seq}: a record was inserted into the chain`, code: 'duplicate-seq', params: { seq: seq.toString() } };
      if (seq > expectedSeq) {
        return { id: row.id, seq: seq.toString(), reason: `records ${expectedSeq}${seq - expectedSeq > BigInt(1) ? `–${seq - BigInt(1)}` : ''} are missing before this one: removed from the chain`, code: 'missing-before', params: { from: expectedSeq.toString(), to: (seq - BigInt(1)).toString() } };
      }
      if (row.prevHash !== prevHash) {
        return { id: row.id, seq: seq.toString(), reason: 'its previous-hash does not match the record before it: a record was removed or inserted', code: 'prev-hash-mismatch' };
      }
      if (eventHash(row) !== row.hash) return { id: row.id, seq: seq.toString(), reason: 'its content does not match its hash: the record was altered', code: 'altered' };
      return null;
    };
    /** Several lanes: a row of a lane appended after its head was read is left for the next check. */
    const afterItsHead = (row: Row) => {
      if (single) return false;
      const lane = lanes[row.lane == null ? 0 : Number(row.lane)];
      return Boolean(lane) && BigInt(row.seq) > lane.headSeq;
    };

    // Personal records: each event that carries a keyed hash must find its record unchanged, or have
    // it named by an `erased` event. Erased events come after the events they erase, so a missing
    // record waits in `unaccounted` until one names it; what is left at the end was removed without one.
    const erasedIds = new Set<number>();
    const unaccounted = new Map<number, { id: number; seq: string }>();
    let personalBroken: Broken | null = null;
    let refs: { personalId: number; hash: string; id: number; seq: string }[] = [];
    const checkPersonal = async () => {
      if (!refs.length) return;
      const found = await getService('personal', strapi).byIds(refs.map((r) => r.personalId), knex);
      for (const r of refs) {
        const p = found.get(r.personalId);
        if (p) {
          if (!personalBroken && !personalMatches(p, r.hash)) {
            personalBroken = { id: r.id, seq: r.seq, reason: 'its personal data does not match the keyed hash the record carries: the personal data was altered', code: 'personal-altered' };
          }
        } else if (!erasedIds.has(r.personalId) && !unaccounted.has(r.personalId)) {
          unaccounted.set(r.personalId, { id: r.id, seq: r.seq });
        }
      }
      refs = [];
    };
    const notePersonal = (row: Row) => {
      if (row.action === 'erased') {
        const erasure = jsonColumn(row.erasure);
        for (const id of Array.isArray(erasure?.personal) ? erasure.personal : []) {
          erasedIds.add(Number(id));
          unaccounted.delete(Number(id));
        }
      } else if (row.personalId != null && row.personalHash) {
        refs.push({ personalId: Number(row.personalId), hash: row.personalHash, id: row.id, seq: String(row.seq) });
      }
    };

    let pending: Promise<Row[]> | null = batchAfter('0', 0);
    try {
      outer: while (pending) {
        const raws: Row[] = await pending;
        pending = null;
        if (!raws.length) break;
        // The next batch starts after the last (seq, id) of this one. Ask for it now, so that the
        // database works while this batch is hashed.
        const lastId = raws[raws.length - 1][idColumn];
        const lastRaw = raws.length === BATCH ? reader.map(raws[raws.length - 1]) : null;
        if (raws.length === BATCH && lastRaw) {
          pending = batchAfter(String(lastRaw.seq), lastId);
          pending.catch(() => {}); // awaited in the next round (or below); not unhandled meanwhile
          await new Promise((resolve) => setImmediate(resolve)); // let the query reach the database
        }
        for (const raw of raws) {
          let row: Row | null = reader.map(raw);
          if (row && afterItsHead(row)) continue;
          let broken = row ? check(row) : null;
          if (!row || broken) {
            const again = await viaQueryEngine(raw[idColumn]);
            if (!again) throw new Error(`consent record ${raw[idColumn]} disappeared during the verification`);
            row = again;
            broken = check(row);
          }
          if (broken) {
            firstBroken = broken;
            break outer;
          }
          prevHash = row.hash;
          expectedSeq = seq + ONE;
          if (!single) {
            lanes[laneOf].prevHash = row.hash;
            lanes[laneOf].lastSeq = seq;
          }
          checked += 1;
          notePersonal(row);
        }
        await checkPersonal();
        // A full batch whose last row needed the query engine: its next batch is asked for now.
        if (raws.length === BATCH && !lastRaw) pending = batchAfter(seq.toString(), lastId);
      }
    } finally {
      // Stopped at a broken record with the next batch in flight: let it finish before returning.
      if (pending) await pending.catch(() => {});
    }

    if (!firstBroken && head && single) {
      if (headSeq !== expectedSeq - BigInt(1)) {
        firstBroken = { id: null, seq: expectedSeq.toString(), reason: `records ${expectedSeq}–${headSeq} are missing at the end of the chain (the chain head says ${headSeq})`, code: 'missing-at-end', params: { from: expectedSeq.toString(), to: headSeq.toString() } };
      } else if (head.hash !== prevHash) {
        firstBroken = { id: null, seq: headSeq.toString(), reason: 'the chain head does not match the last record', code: 'head-mismatch' };
      }
    }
    if (!firstBroken && !single) {
      for (const [n, lane] of lanes.entries()) {
        if (lane.prevHash === lane.headHash) continue;
        firstBroken =
          lane.lastSeq < lane.headSeq
            ? { id: null, seq: lane.headSeq.toString(), reason: `the end of lane ${n} is missing: its head names position ${lane.headSeq}, its last record is at ${lane.lastSeq}`, code: 'lane-missing-at-end', params: { from: (lane.lastSeq + ONE).toString(), to: lane.headSeq.toString(), lane: String(n) } }
            : { id: null, seq: lane.headSeq.toString(), reason: `the head of lane ${n} does not match its last record`, code: 'lane-head-mismatch', params: { lane: String(n) } };
        break;
      }
    }
    if (!firstBroken && single) {
      // A record beyond the head that the head does not know of was not appended by the plugin.
      const current = await strapi.db.connection(HEAD_TABLE).where({ id: 1 }).first('seq');
      const stray: Record<string, any> | null = await query.findOne({
        select: ['id', 'seq'],
        where: { seq: { $gt: String(current?.seq ?? 0) } },
        orderBy: { seq: 'asc' },
      });
      const unsequenced = await query.findOne({ select: ['id'], where: { seq: { $null: true } } });
      if (stray) firstBroken = { id: stray.id, seq: String(stray.seq), reason: 'recorded after the chain head: inserted outside the plugin', code: 'after-head' };
      else if (unsequenced) firstBroken = { id: unsequenced.id, seq: '', reason: 'has no place in the chain: inserted outside the plugin', code: 'unsequenced' };
    }
    if (!firstBroken && !single) {
      // Per lane, a record beyond its head as it is now; a lane the chain does not have; no position.
      const current = await readHeads(strapi.db.connection);
      for (const h of current) {
        const stray: Record<string, any> | null = await query.findOne({
          select: ['id', 'seq'],
          where: { seq: { $gt: h.seq }, lane: h.lane === 0 ? { $null: true } : h.lane },
          orderBy: { seq: 'asc' },
        });
        if (stray) {
          firstBroken = { id: stray.id, seq: String(stray.seq), reason: `recorded after the head of lane ${h.lane}: inserted outside the plugin`, code: 'lane-after-head', params: { lane: String(h.lane) } };
          break;
        }
      }
      const unknown = firstBroken ? null : await query.findOne({ select: ['id', 'seq', 'lane'], where: { $or: [{ lane: { $gte: current.length } }, { lane: { $lte: 0 } }] } });
      const unsequenced = firstBroken || unknown ? null : await query.findOne({ select: ['id'], where: { seq: { $null: true } } });
      if (unknown) firstBroken = { id: unknown.id, seq: String(unknown.seq), reason: `it names lane ${unknown.lane}, which the chain does not have: inserted outside the plugin`, code: 'unknown-lane', params: { lane: String(unknown.lane) } };
      else if (unsequenced) firstBroken = { id: unsequenced.id, seq: '', reason: 'has no place in the chain: inserted outside the plugin', code: 'unsequenced' };
    }
    if (!firstBroken) firstBroken = personalBroken;
    if (!firstBroken && unaccounted.size) {
      const first = [...unaccounted.values()].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))[0];
      firstBroken = { id: first.id, seq: first.seq, reason: 'personal data removed without an erasure record', code: 'personal-removed' };
    }
    const { missing } = await listTriggers(strapi);
    const report: IntegrityReport = {
      intact: !firstBroken,
      checked,
      head: head ? { seq: String(head.seq), hash: head.hash } : null,
      ...(single ? {} : { lanes: heads.map((h) => ({ lane: h.lane, seq: h.seq, hash: h.hash })) }),
      firstBroken,
      triggersMissing: missing,
      checkedAt: new Date().toISOString(),
      ...(usesReplica(strapi) ? { replica: (await replicaStatus(strapi))! } : {}),
    };
    // Every check, whoever runs it, is the home page's "latest integrity check".
    await saveIntegritySummary(strapi, report);
    return report;
  },
});

export default integrity;
