import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { UIDS } from '../../pluginId';
import { emailHash, phoneHash } from '../../utils/subject';
import type { LogFilter } from '../../validation/log';
import { stateSql } from '../../events/states';
import { matchingPageUrls, pageUrlCondition, type PageUrlMatches } from '../../events/page-urls';
import { reader } from '../../events/replica';

/**
 * What every reading of the consent log shares: the tables, the filters as knex conditions (each able
 * to use its index), the sort columns, the indexes, and the rule that personal filters need the
 * personal-data action.
 */

type Row = Record<string, any>;

/** Sortable attributes and their columns; the IP is the personal record's (`null`: the list joins it). */
export const SORT_COLUMNS: Record<string, string | null> = { recordedAt: 'recorded_at', seq: 'seq', action: 'action', state: null, ip: null, formKey: 'form_key', agreementId: 'agreement_id' };

/** Filtering by IP or subject reads the personal store: only for a role with the personal-data action. */
/** Where a prepared filter keeps what its page URL search found (not a field: it is never stored or sent). */
const PAGE_URLS = Symbol('user-consent.page-urls');
type Prepared = LogFilter & { [PAGE_URLS]?: PageUrlMatches | null };

export const assertPersonalFilter = (filter: LogFilter, personal: boolean) => {
  if (!personal && (filter.ip || filter.subject)) {
    throw new errors.PolicyError('Filtering by IP or subject needs the "Read personal data" permission.', { code: 'personal-filter-forbidden', params: {} });
  }
};

export const logQuery = (strapi: Core.Strapi) => {
  const consents = () => strapi.db.query(UIDS.consent);
  // The log, its filters and the export read the replica when one is configured (events/replica.ts).
  const knex = (): Knex => reader(strapi);
  const client = strapi.db.dialect.client as string;
  const consentTable = () => strapi.db.metadata.get(UIDS.consent).tableName;
  const agreementTable = () => strapi.db.metadata.get(UIDS.agreement).tableName;
  const personalTable = () => strapi.db.metadata.get(UIDS.personal).tableName;

  /**
   * Applies the filters to a knex query on the consent table (columns in snake case, as Strapi names
   * them). The same conditions the query engine used to build, written so that each one can use its index.
   * `counting`: the query counts every match (rather than reading a page or a batch in order).
   */
  const applyFilter = (qb: Knex.QueryBuilder, f: LogFilter, { counting = false }: { counting?: boolean } = {}) => {
    const t = consentTable();
    const c = (column: string) => `${t}.${column}`;
    if (f.from) qb.where(c('recorded_at'), '>=', new Date(f.from));
    if (f.to) qb.where(c('recorded_at'), '<=', new Date(f.to));
    if (f.agreement) qb.where(c('agreement_id'), f.agreement);
    if (f.version) qb.where(c('version_id'), f.version);
    if (f.form) qb.where(c('form_key'), f.form);
    if (f.action) qb.where(c('action'), f.action);
    if (f.state) stateSql(strapi).where(qb, f.state);
    if (f.channel) qb.where(c('channel'), f.channel);
    // IP and subject live in the personal store: the events of the personal records that match.
    if (f.ip) qb.whereIn(c('personal_id'), ipFilter(knex()(personalTable()).select('id'), f.ip));
    if (f.subject) {
      const s = f.subject.trim();
      const sub = knex()(personalTable()).select('id');
      if (s.includes('@')) sub.where('email_hash', emailHash(s) as string);
      else sub.where('phone_hash', phoneHash(s) as string);
      qb.whereIn(c('personal_id'), sub);
    }
    // Contains, in any case: through the distinct page URLs and the page URL index (events/page-urls.ts).
    if (f.pageUrl) pageUrlCondition(strapi, qb, t, f.pageUrl, { counting, matches: (f as Prepared)[PAGE_URLS] ?? null });
    return qb;
  };

  /**
   * What a filter needs read before its statements are built (on PostgreSQL, the page URLs that
   * contain the needle). A copy of the filter: the list, the export and the count build their
   * statements from it; the filter itself is stored and sent as it came.
   */
  const prepareFilter = async <F extends LogFilter>(f: F): Promise<F> => {
    if (!f.pageUrl || PAGE_URLS in f) return f;
    const matches = await matchingPageUrls(strapi, knex(), f.pageUrl);
    return matches ? ({ ...f, [PAGE_URLS]: matches } as F) : f;
  };

  /** The IP condition on a query of the personal store. */
  const ipFilter = (qb: Knex.QueryBuilder, value: string) => {
    // Addresses are stored as Node reports them: IPv6 hex in lower case. A prefix ends in "." or ":"
    // or carries a trailing "*".
    const ip = value.toLowerCase();
    const prefix = ip.endsWith('*') ? ip.slice(0, -1) : /[.:]$/.test(ip) ? ip : null;
    if (prefix === null) {
      if (client === 'postgres') qb.whereRaw('ip COLLATE "C" = ?', [ip]);
      else qb.where('ip', ip);
    } else if (prefix === '') {
      qb.whereNotNull('ip');
    } else if (client === 'mysql') {
      // A prefix LIKE is an index range on MySQL (its *_ci collations do not order "." "/" ":" ";"
      // by code point, so a hand-made range would not be one).
      qb.where('ip', 'like', `${prefix}%`);
    } else {
      // A prefix as a range, so the index is searched instead of walked: every value that starts with
      // the prefix lies in [prefix, prefix with its last character + 1). Code-point order: SQLite's
      // default BINARY collation, and the "C" collation (with its own index) on PostgreSQL.
      const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
      if (client === 'postgres') qb.whereRaw('ip COLLATE "C" >= ? AND ip COLLATE "C" < ?', [prefix, upper]);
      else qb.where('ip', '>=', prefix).andWhere('ip', '<', upper);
    }
    return qb;
  };

  /** Names of the given agreements (one small indexed query). */
  const agreementNames = async (ids: unknown[]) => {
    const unique = [...new Set(ids)].filter((id) => id != null) as number[];
    const rows: Row[] = unique.length ? await knex()(agreementTable()).select('id', 'name').whereIn('id', unique) : [];
    return new Map<unknown, string>(rows.map((r) => [Number(r.id), r.name as string]));
  };

  return {
    consents,
    knex,
    client,
    consentTable,
    agreementTable,
    personalTable,
    applyFilter,
    prepareFilter,
    agreementNames,
  };
};

export type LogQueries = ReturnType<typeof logQuery>;
