import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { UIDS, PLUGIN_ID } from '../pluginId';
import { GENESIS } from './proof';
import { CHECKPOINT_TABLE, HEAD_TABLE, ensureCheckpoints } from './ddl';
import { readHeads, type LaneHead } from './lanes';
import { keyRing, signContent, verifyCompactJws, type KeyRing } from '../signing/keys';
import { pageMeta } from '../../../shared/contracts/constants';
import {
  CHECKPOINT_JWS_TYP,
  CHECKPOINT_REASONS,
  CHECKPOINT_TYPE,
  type Checkpoint,
  type CheckpointContent,
  type CheckpointReason,
} from '../../../shared/contracts/checkpoints';
import type { CheckpointsConfig } from '../config';
import { getService } from '../utils';

/**
 * Signed checkpoints of the consent chain. A checkpoint is the chain head (the last event's position
 * and hash) signed with the active Ed25519 key at a moment. Each event's hash covers the one before
 * it, so the hash at a position fixes the whole history up to there: anyone who kept a checkpoint
 * elsewhere can later show that the event at its position still has its hash, or that the history
 * was rewritten, even by someone who dropped the triggers and recomputed every hash (that needs the
 * private key to sign matching checkpoints, which the database does not hold).
 *
 * Signed at the first start, on the schedule of `checkpoints.cron` (only when the chain moved since
 * the latest one) and on demand from the admin. Each is signed under the chain head's lock, so it
 * names an event that is committed, and two processes never sign two checkpoints of one head; the
 * unique `number` and `seq` columns refuse one all the same.
 */

type Row = Record<string, any>;

export const sha256Hex = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/** The lanes a stored checkpoint signed (read from its JWS payload), or null. */
const lanesOf = (jws: string): LaneHead[] | null => {
  try {
    const payload = JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString('utf8'));
    return Array.isArray(payload?.lanes) ? payload.lanes : null;
  } catch {
    return null;
  }
};

/** The published form of a stored row. */
const fromRow = (r: Row): Checkpoint => {
  const lanes = lanesOf(r.jws);
  return {
    number: Number(r.number),
    seq: String(r.seq),
    hash: r.hash,
    events: Number(r.events),
    signedAt: r.signed_at,
    reason: r.reason,
    previous: r.previous ?? null,
    kid: r.kid,
    jws: r.jws,
    ...(lanes ? { lanes } : {}),
  };
};

const isUniqueViolation = (e: any) =>
  e?.code === '23505' || e?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed|SQLITE_CONSTRAINT_UNIQUE/i.test(String(e?.code ?? '') + String(e?.message ?? ''));

const noKey = () =>
  new errors.ApplicationError('No signing key is configured (plugin config `signing.keys`): a checkpoint cannot be signed.', { code: 'no-signing-key', params: {} });

const notFound = () => new errors.NotFoundError('No checkpoint has been signed yet', { code: 'not-found', params: { entity: 'checkpoint' } });

export interface SignResult {
  checkpoint: Checkpoint;
  /** false: the chain had not moved since the latest checkpoint (or, at start-up, one already existed). */
  created: boolean;
}

/** What one checkpoint of a file says about the chain as it is now. */
export interface CheckpointCheck {
  /** Its place in the file (1-based). */
  index: number;
  number: number | null;
  seq: string | null;
  signedAt: string | null;
  kid: string | null;
  ok: boolean;
  /** holds | unreadable | bad-signature | not-a-checkpoint | rewritten | missing */
  code: 'holds' | 'unreadable' | 'bad-signature' | 'not-a-checkpoint' | 'rewritten' | 'missing';
  reason: string;
  /** rewritten: the hash the chain now has at the checkpoint's position. */
  found?: string | null;
}

export interface CheckpointsReport {
  checked: number;
  ok: boolean;
  results: CheckpointCheck[];
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A verified payload that is a checkpoint of ours, or null. */
const asContent = (content: unknown): CheckpointContent | null => {
  const c = content as Partial<CheckpointContent> | null;
  if (!c || typeof c !== 'object' || c.type !== CHECKPOINT_TYPE || c.version !== 1) return null;
  if (typeof c.seq !== 'string' || !/^(0|[1-9]\d{0,18})$/.test(c.seq) || typeof c.hash !== 'string' || !HEX64.test(c.hash)) return null;
  if (typeof c.signedAt !== 'string' || !Number.isInteger(c.number)) return null;
  return c as CheckpointContent;
};

/**
 * The compact JWS strings of a file of checkpoints kept elsewhere. Accepted: the list route's answer
 * (`{ data: [...] }`), the latest route's (`{ data: {...} }`), a JSON array of checkpoints or of JWS
 * strings, or JSON lines (one checkpoint object, or one JWS, quoted or bare, per line). Only each
 * checkpoint's `jws` is read: everything else is taken from the signed payload.
 */
export const jwsOfFile = (text: string): (string | null)[] => {
  const pick = (item: unknown): string | null => {
    if (typeof item === 'string') return item.trim();
    if (item && typeof item === 'object' && typeof (item as { jws?: unknown }).jws === 'string') return (item as { jws: string }).jws.trim();
    return null;
  };
  const trimmed = text.trim();
  if (!trimmed) return [];
  let whole: unknown;
  let parsed = false;
  try {
    whole = JSON.parse(trimmed);
    parsed = true;
  } catch {
    // JSON lines
  }
  if (parsed) {
    const data = whole && typeof whole === 'object' && !Array.isArray(whole) && 'data' in (whole as object) ? (whole as { data: unknown }).data : whole;
    return Array.isArray(data) ? data.map(pick) : [pick(data)];
  }
  return trimmed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      if (line.startsWith('{') || line.startsWith('"')) {
        try {
          return pick(JSON.parse(line));
        } catch {
          return null;
        }
      }
      return pick(line);
    });
};

const checkpoints = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}.checkpoints`) as CheckpointsConfig;

  /** The column names of the events' seq and hash. */
  const eventColumns = () => {
    const meta = strapi.db.metadata.get(UIDS.consent);
    const col = (a: string) => ((meta.attributes[a] as { columnName?: string })?.columnName ?? a);
    return { table: meta.tableName, seq: col('seq'), hash: col('hash') };
  };

  /**
   * Locks the chain head for this transaction (appends wait) and reads it. Several lanes: every lane's
   * head, locked in lane order (appends lock one lane each, so this cannot deadlock with them); `head`
   * is then the lane head with the highest position.
   */
  const lockHead = async (trx: Knex.Transaction): Promise<{ head: { seq: unknown; hash: string } | undefined; lanes: LaneHead[] | null }> => {
    if (strapi.db.dialect.client === 'sqlite') {
      // Takes SQLite's write lock now, so that the read below and the insert after it see one state.
      await trx(HEAD_TABLE).where({ id: 1 }).update({ seq: trx.raw('seq') });
      return { head: await trx(HEAD_TABLE).where({ id: 1 }).first('seq', 'hash'), lanes: null };
    }
    const rows = await trx(HEAD_TABLE).orderBy('id', 'asc').forUpdate().select('id', 'seq', 'hash');
    if (rows.length <= 1) return { head: rows[0], lanes: null };
    const lanes: LaneHead[] = rows.map((r: any) => ({ lane: Number(r.id) - 1, seq: String(r.seq), hash: r.hash }));
    const top = lanes.reduce((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? b : a));
    return { head: { seq: top.seq, hash: top.hash }, lanes };
  };

  /**
   * The events up to the lane heads held (several lanes). From the previous checkpoint when it signed
   * the same lanes: its count plus, lane by lane, the events after its head up to this one (each lane's
   * positions grow, and with every head held no append is half-done), read through the seq index from
   * the lowest of its heads; otherwise every event, counted.
   */
  const countEvents = async (trx: Knex.Transaction, lanes: LaneHead[], latest: Row | undefined): Promise<number> => {
    const { table, seq } = eventColumns();
    const lane = (strapi.db.metadata.get(UIDS.consent).attributes as Record<string, { columnName?: string }>).lane?.columnName ?? 'lane';
    const before = latest ? lanesOf(latest.jws) : null;
    const previous = before && before.length === lanes.length && before.every((b, i) => Number(b.lane) === lanes[i].lane) ? before : null;
    if (!previous) return Number((await trx(table).count({ n: '*' }))[0].n);
    const moved = lanes.map((l, i) => ({ lane: l.lane, after: String(previous[i].seq), upTo: String(l.seq) })).filter((m) => m.after !== m.upTo);
    if (!moved.length) return Number(latest!.events);
    const from = moved.map((m) => BigInt(m.after)).reduce((a, b) => (b < a ? b : a));
    const parts = moved.map(() => `(COALESCE("${lane}", 0) = ? AND "${seq}" > ? AND "${seq}" <= ?)`);
    const bindings = moved.flatMap((m) => [m.lane, m.after, m.upTo]);
    const [{ n }] = (await trx.raw(`SELECT count(*) AS n FROM "${table}" WHERE "${seq}" > ? AND (${parts.join(' OR ')})`, [String(from), ...bindings])).rows;
    return Number(latest!.events) + Number(n);
  };

  const sameLanes = (a: LaneHead[] | null, b: LaneHead[] | null) => {
    const key = (list: LaneHead[] | null) => JSON.stringify((list ?? []).map((l) => [Number(l.lane), String(l.seq), l.hash]));
    return Boolean(a) && Boolean(b) && key(a) === key(b);
  };

  /**
   * Sends a new checkpoint to the outside witness, tried three times (after 1 s and 5 s) when it is
   * unreachable or answers with an error; a failure is logged, never thrown, and blocks nothing.
   */
  const witness = async (checkpoint: Checkpoint, content: CheckpointContent) => {
    const { witnessUrl, witnessTimeoutMs } = config();
    if (!witnessUrl) return;
    const body = JSON.stringify({ type: CHECKPOINT_TYPE, checkpoint: content, kid: checkpoint.kid, jws: checkpoint.jws });
    let problem = '';
    for (const wait of [0, 1000, 5000]) {
      if (wait) await new Promise((resolve) => setTimeout(resolve, wait).unref());
      try {
        const res = await fetch(witnessUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'User-Agent': 'strapi-plugin-user-consent checkpoint witness' },
          body,
          signal: AbortSignal.timeout(witnessTimeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return;
        problem = `answered ${res.status}`;
      } catch (e) {
        problem = `could not be reached (${(e as Error).message})`;
      }
    }
    strapi.log.warn(`user-consent: the checkpoint witness ${problem} for checkpoint No. ${checkpoint.number}`);
  };

  const latestRow = (q: Knex | Knex.Transaction) => q(CHECKPOINT_TABLE).orderBy('number', 'desc').first();

  return {
    async ensureTable() {
      await ensureCheckpoints(knex());
      // Several lanes: two checkpoints may name the same highest position (another lane moved), so
      // only the number stays unique; signing holds every lane head, so no two sign one state.
      if (strapi.db.dialect.client === 'postgres' && getService('chain', strapi).lanes() > 1) {
        await knex().raw(`ALTER TABLE ${CHECKPOINT_TABLE} DROP CONSTRAINT IF EXISTS ${CHECKPOINT_TABLE}_seq_uq`);
        await knex().raw(`DROP INDEX IF EXISTS ${CHECKPOINT_TABLE}_seq_uq`);
      }
    },

    /**
     * Signs the chain head now, unless the latest checkpoint already names it (or, for `startup`,
     * unless any checkpoint exists). Throws `no-signing-key` when no key can sign.
     */
    async sign(reason: CheckpointReason): Promise<SignResult> {
      if (!CHECKPOINT_REASONS.includes(reason)) throw new Error(`unknown checkpoint reason ${reason}`);
      const ring: KeyRing = await keyRing(strapi);
      if (!ring.active) throw noKey();
      if (reason === 'startup') {
        // Every later start finds one without locking the chain head (appends go on meanwhile).
        const existing = await latestRow(knex());
        if (existing) return { checkpoint: fromRow(existing), created: false };
      }
      let signed: { checkpoint: Checkpoint; content: CheckpointContent } | null = null;
      let result: SignResult;
      try {
        result = await knex().transaction(async (trx) => {
          const { head, lanes } = await lockHead(trx);
          if (!head) throw new Error('consent chain head is missing');
          const latest = await latestRow(trx);
          const unmoved = latest && (lanes ? sameLanes(lanesOf(latest.jws), lanes) : String(latest.seq) === String(head.seq));
          if (latest && (reason === 'startup' || unmoved)) return { checkpoint: fromRow(latest), created: false };
          // Several lanes: positions have gaps, so the events are counted (from the previous checkpoint).
          const events = lanes ? await countEvents(trx, lanes, latest) : Number(head.seq);
          const content: CheckpointContent = {
            type: CHECKPOINT_TYPE,
            version: 1,
            number: latest ? Number(latest.number) + 1 : 1,
            seq: String(head.seq),
            hash: head.hash,
            events,
            signedAt: new Date().toISOString(),
            reason,
            previous: latest ? sha256Hex(latest.jws) : null,
            ...(lanes ? { lanes: lanes.map((l) => ({ lane: l.lane, seq: l.seq, hash: l.hash })) } : {}),
          };
          const jws = (await signContent(ring, content, CHECKPOINT_JWS_TYP))!;
          const row = {
            number: content.number,
            seq: content.seq,
            hash: content.hash,
            events: content.events,
            signed_at: content.signedAt,
            reason,
            kid: ring.active!.kid,
            previous: content.previous,
            jws,
          };
          await trx(CHECKPOINT_TABLE).insert(row);
          const checkpoint = fromRow(row);
          signed = { checkpoint, content };
          return { checkpoint, created: true };
        });
      } catch (e) {
        // Another process stored this head's (or this number's) checkpoint first.
        if (!isUniqueViolation(e)) throw e;
        const latest = await latestRow(knex());
        if (!latest) throw e;
        return { checkpoint: fromRow(latest), created: false };
      }
      if (signed) {
        const { checkpoint, content } = signed;
        void witness(checkpoint, content);
      }
      return result;
    },

    async latest(): Promise<Checkpoint | null> {
      const row = await latestRow(knex());
      return row ? fromRow(row) : null;
    },

    /** The public `latest`: 404 before the first checkpoint. */
    async latestOrFail(): Promise<Checkpoint> {
      const found = await this.latest();
      if (!found) throw notFound();
      return found;
    },

    /** Newest first. */
    async list(page: number, pageSize: number) {
      const [{ total }] = await knex()(CHECKPOINT_TABLE).count({ total: '*' });
      const rows = await knex()(CHECKPOINT_TABLE)
        .orderBy('number', 'desc')
        .offset((page - 1) * pageSize)
        .limit(pageSize);
      return { data: rows.map(fromRow), meta: pageMeta(page, pageSize, Number(total)) };
    },

    /** The admin's view: the latest checkpoint and whether this app can sign one. */
    async status() {
      return { latest: await this.latest(), signing: Boolean((await keyRing(strapi)).active) };
    },

    /**
     * Checks checkpoints kept elsewhere against the chain as it is now: each signature with the JWK
     * Set (the app's own public keys unless one kept elsewhere is given), then the event at each
     * checkpoint's position, which must still carry the checkpoint's hash. With the chain itself
     * verified (integrity.ts), a checkpoint that holds proves the history up to it unchanged.
     */
    async verify(jwsList: (string | null)[], jwks?: { keys: unknown[] }): Promise<CheckpointsReport> {
      const keys = (jwks ?? (await keyRing(strapi)).jwks) as Parameters<typeof verifyCompactJws>[1];
      const cols = eventColumns();
      const laneColumn = ((strapi.db.metadata.get(UIDS.consent).attributes as any).lane?.columnName ?? 'lane') as string;
      /** Each lane head a checkpoint signed must still be that lane's event with that hash. */
      const laneMismatch = async (lanes: unknown[]): Promise<Pick<CheckpointCheck, 'code' | 'reason' | 'found'> | null> => {
        for (const l of lanes as LaneHead[]) {
          if (!l || typeof l.seq !== 'string' || !HEX64.test(String(l.hash)) || !Number.isInteger(l.lane)) return { code: 'not-a-checkpoint', reason: 'signed, but a lane of it is not a lane head' };
          if (l.seq === '0') continue;
          const rows: Row[] = await knex()(cols.table).where(cols.seq, l.seq).select({ hash: cols.hash, lane: laneColumn });
          if (!rows.length) return { code: 'missing', reason: `the chain has no event at position ${l.seq} (the head of lane ${l.lane}) any more: events were removed` };
          const row = rows[0];
          if (row.hash !== l.hash || Number(row.lane ?? 0) !== l.lane) {
            return { code: 'rewritten', found: row.hash, reason: `the event at position ${l.seq} (the head of lane ${l.lane}) is not the one the checkpoint signed: the history of that lane was rewritten` };
          }
        }
        return null;
      };
      const results: CheckpointCheck[] = [];
      for (const [i, jws] of jwsList.entries()) {
        const base = { index: i + 1, number: null, seq: null, signedAt: null, kid: null };
        if (!jws) {
          results.push({ ...base, ok: false, code: 'unreadable', reason: 'not a checkpoint: neither a compact JWS nor an object with `jws`' });
          continue;
        }
        let verified: Awaited<ReturnType<typeof verifyCompactJws>>;
        try {
          verified = await verifyCompactJws(jws, keys);
        } catch (e) {
          results.push({ ...base, ok: false, code: 'bad-signature', reason: `its signature does not verify with the public keys (${(e as Error).message})` });
          continue;
        }
        const c = asContent(verified.content);
        if (!c) {
          results.push({ ...base, kid: verified.header.kid ?? null, ok: false, code: 'not-a-checkpoint', reason: 'signed, but its content is not a chain checkpoint' });
          continue;
        }
        const named = { ...base, number: c.number, seq: c.seq, signedAt: c.signedAt, kid: verified.header.kid ?? null };
        if (c.seq === '0') {
          const ok = c.hash === GENESIS;
          results.push({ ...named, ok, code: ok ? 'holds' : 'rewritten', reason: ok ? 'the chain was empty then' : 'an empty chain with a hash other than the genesis' });
          continue;
        }
        if (Array.isArray(c.lanes)) {
          const bad = await laneMismatch(c.lanes);
          if (bad) {
            results.push({ ...named, ok: false, ...bad });
            continue;
          }
        }
        const rows: Row[] = await knex()(cols.table).where(cols.seq, c.seq).select({ hash: cols.hash });
        if (!rows.length) {
          results.push({ ...named, ok: false, code: 'missing', reason: `the chain has no event at position ${c.seq} any more: events were removed` });
        } else if (rows.some((r) => r.hash !== c.hash)) {
          const found = rows.find((r) => r.hash !== c.hash)!.hash;
          results.push({
            ...named,
            ok: false,
            code: 'rewritten',
            found,
            reason: `the event at position ${c.seq} now has hash ${found}, the checkpoint signed ${c.hash}: the history up to it was rewritten`,
          });
        } else {
          results.push({ ...named, ok: true, code: 'holds', reason: `the event at position ${c.seq} still has the signed hash` });
        }
      }
      return { checked: results.length, ok: results.every((r) => r.ok), results };
    },
  };
};

export default checkpoints;
