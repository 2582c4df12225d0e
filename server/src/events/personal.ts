import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UIDS } from '../pluginId';
import { chunks, insertEntries } from './rows';
import { isoOf, jsonColumn } from './raw-rows';
import { emailHash, externalHash, phoneHash } from '../utils/subject';
import type { IpPolicy } from '../../../shared/contracts/personal';
import { ensureIndex, ensureTombstones, TOMBSTONE_TABLE } from './ddl';
import { newPersonalSecret, personalHash, type PersonalPart } from './proof';

/**
 * The personal store: one row per capture (or withdrawal) with what identifies the person, and the
 * key of the keyed hash that its consent events carry. Rows are written in the same transaction as
 * their events, read by the log, the receipts and the look-ups, and deleted only by an erasure.
 */

type Row = Record<string, any>;

/** How a person is named in a look-up: exactly one of these. */
export interface SubjectKey {
  email?: string;
  phone?: string;
  externalId?: string;
}

/** The page a consent was given on, split: origin and path go to the proof, query and fragment are personal. */
export const splitPageUrl = (url: string | null | undefined): { page: string | null; query: string | null } => {
  if (!url) return { page: null, query: null };
  try {
    const u = new URL(url);
    const rest = `${u.search}${u.hash}`;
    return { page: `${u.origin}${u.pathname}`, query: rest || null };
  } catch {
    // Validation lets only http(s) URLs through; anything else is kept whole, as personal.
    return { page: null, query: url };
  }
};

/** Expands an IPv6 address to its eight 16-bit groups (null when it is not one). */
const ipv6Groups = (ip: string): number[] | null => {
  let s = ip;
  let tail: number[] = [];
  const v4 = s.match(/:(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const p = v4[1].split('.').map(Number);
    tail = [(p[0] << 8) | p[1], (p[2] << 8) | p[3]];
    s = s.slice(0, -v4[1].length) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h ? h.split(':').map((g) => parseInt(g, 16)) : []);
  const head = parse(halves[0]);
  const back = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - back.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...new Array(missing).fill(0), ...back];
  if (v4) groups.splice(6, 2, ...tail);
  return groups.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff) ? null : groups;
};

/**
 * The IP a form's policy keeps: all of it, the network part (IPv4 /24, IPv6 /48; an IPv4-mapped
 * IPv6 address as IPv4), or nothing.
 */
export const minimiseIp = (ip: string | null, policy: IpPolicy): string | null => {
  if (!ip || policy === 'none') return null;
  if (policy === 'full') return ip;
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  const v4 = mapped ? mapped[1] : /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? ip : null;
  if (v4) return `${v4.split('.').slice(0, 3).join('.')}.0`;
  const groups = ipv6Groups(ip.toLowerCase().replace(/%.*$/, ''));
  if (!groups) return null;
  return `${groups
    .slice(0, 3)
    .map((g) => g.toString(16))
    .join(':')}::`;
};

const hasAny = (part: PersonalPart) =>
  Boolean((part.subject && Object.keys(part.subject).length) || part.ip || part.userAgent || part.pageQuery || (part.data && Object.keys(part.data).length) || part.note || part.evidence);

export interface PreparedPersonal {
  /** The row to insert (attribute names). */
  entry: Row;
  /** What the events of this row carry as `personalHash`. */
  hash: string;
}

/** A personal row and its keyed hash, or null when the part holds nothing. */
export interface LookupHashes {
  emailHash: string | null;
  phoneHash: string | null;
  externalHash: string | null;
}

/**
 * `evidenceFileId`: the upload (Strapi's upload plugin) holding the evidence whose hash is
 * `part.evidence`; erasing the record removes the file once no other record names it.
 */
export const preparePersonal = (part: PersonalPart, collectedAt: Date, lookup?: LookupHashes, evidenceFileId?: number | null): PreparedPersonal | null => {
  if (!hasAny(part)) return null;
  const secret = newPersonalSecret();
  // Only a record with evidence carries its columns: the capture path writes the same rows as before.
  const evidence = part.evidence ? { evidenceHash: part.evidence, evidenceFileId: evidenceFileId ?? null } : {};
  return {
    hash: personalHash(secret, part),
    entry: {
      ...evidence,
      secret,
      subject: part.subject,
      emailHash: lookup ? lookup.emailHash : emailHash(part.subject?.email),
      phoneHash: lookup ? lookup.phoneHash : phoneHash(part.subject?.phone),
      externalHash: lookup ? lookup.externalHash : externalHash(part.subject?.externalId),
      ip: part.ip,
      userAgent: part.userAgent,
      pageQuery: part.pageQuery,
      data: part.data,
      note: part.note,
      collectedAt,
    },
  };
};

/** The part of a stored row that its keyed hash covers. */
export const partOf = (row: Row): PersonalPart => ({
  subject: row.subject ?? null,
  ip: row.ip ?? null,
  userAgent: row.userAgent ?? null,
  pageQuery: row.pageQuery ?? null,
  data: row.data ?? null,
  note: row.note ?? null,
  evidence: row.evidenceHash ?? null,
});

/** Whether a stored personal row still matches the keyed hash its event carries. */
export const personalMatches = (row: Row, hash: string) => Boolean(row.secret) && personalHash(row.secret, partOf(row)) === hash;

const personal = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  const table = () => strapi.db.metadata.get(UIDS.personal).tableName;

  /** A raw row (snake-case columns) as attribute names. */
  const fromRaw = (r: Row): Row => ({
    id: Number(r.id),
    secret: r.secret,
    subject: jsonColumn(r.subject) ?? null,
    emailHash: r.email_hash,
    phoneHash: r.phone_hash,
    externalHash: r.external_hash,
    ip: r.ip,
    userAgent: r.user_agent,
    pageQuery: r.page_query,
    data: jsonColumn(r.data) ?? null,
    note: r.note,
    collectedAt: isoOf(r.collected_at),
    evidenceFileId: r.evidence_file_id == null ? null : Number(r.evidence_file_id),
    evidenceHash: r.evidence_hash ?? null,
  });

  return {
    table,
    fromRaw,

    /** Inserts one personal row in the caller's transaction; returns its id. */
    async insert(trx: Knex | Knex.Transaction, entry: Row): Promise<number> {
      const [id] = await insertEntries(strapi, trx, UIDS.personal, [entry], { returnIds: true });
      return id;
    },

    /** The personal rows of these ids that still exist, by id. */
    async byIds(ids: unknown[], q: Knex | Knex.Transaction = knex()): Promise<Map<number, Row>> {
      const unique = [...new Set(ids.filter((id) => id != null).map(Number))];
      const out = new Map<number, Row>();
      for (const part of chunks(unique, 1000)) {
        const rows: Row[] = await q(table()).whereIn('id', part);
        for (const r of rows) out.set(Number(r.id), fromRaw(r));
      }
      return out;
    },

    async byId(id: unknown): Promise<Row | null> {
      if (id == null) return null;
      return (await this.byIds([id])).get(Number(id)) ?? null;
    },

    /** The look-up column and hash of one person's e-mail, phone or external id (null: nothing to look up). */
    lookupOf(by: SubjectKey): { column: string; hash: string } | null {
      const [column, hash] = by.email ? ['email_hash', emailHash(by.email)] : by.phone ? ['phone_hash', phoneHash(by.phone)] : ['external_hash', externalHash(by.externalId)];
      return hash ? { column, hash } : null;
    },

    /** Ids of the personal rows of one person, by the hash of their e-mail, phone or external id. */
    async idsOf(by: SubjectKey, q: Knex | Knex.Transaction = knex()): Promise<number[]> {
      const key = this.lookupOf(by);
      if (!key) return [];
      const { column, hash } = key;
      const rows: Row[] = await q(table()).select('id').where(column, hash);
      return rows.map((r) => Number(r.id));
    },

    /** The act that erased a personal record (null when none did). */
    async erasureOf(personalId: unknown): Promise<{ id: number; erasedAt: string | null } | null> {
      const tomb = await knex()(TOMBSTONE_TABLE).where('personal_id', Number(personalId)).first('erasure_id');
      if (!tomb) return null;
      const act = await strapi.db.query(UIDS.erasure).findOne({ where: { id: tomb.erasure_id }, select: ['id', 'erasedAt'] });
      return { id: Number(tomb.erasure_id), erasedAt: act?.erasedAt ? new Date(act.erasedAt).toISOString() : null };
    },

    /**
     * The plain indexes are declared in the content type (schema.json); here only what Strapi cannot
     * declare: the tombstone table, and on PostgreSQL the IP index in code-point order that the IP
     * prefix filter ranges over.
     */
    async ensureIndexes() {
      await ensureTombstones(knex());
      const t = table();
      const client = strapi.db.dialect.client;
      if (client === 'postgres') await ensureIndex(knex(), client, t, `${t}_ip_c_idx`, ['ip COLLATE "C"']);
    },
  };
};

export default personal;
