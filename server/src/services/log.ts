import { PassThrough, Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { stringify } from 'csv-stringify';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { emailHash, phoneHash } from '../utils/subject';
import { eventHash, ensureIndex } from './chain';
import type { LogFilter, LogQuery } from '../validation/log';

type Row = Record<string, any>;

/** Columns of the list; personal ones are blanked for a viewer without the personal-data action. */
const LIST_FIELDS = ['id', 'seq', 'recordedAt', 'action', 'agreementId', 'versionId', 'versionNumber', 'formKey', 'pageUrl', 'ip', 'subject', 'channel', 'withdrawsId', 'receiptId'];
const PERSONAL = ['ip', 'subject', 'userAgent', 'note'];

/** Indexes on what the log filters and sorts by, so it stays fast with millions of records. */
const INDEXES: [string, string[]][] = [
  ['recorded_at', ['recorded_at']],
  ['agreement_recorded', ['agreement_id', 'recorded_at']],
  ['version', ['version_id']],
  ['form_recorded', ['form_key', 'recorded_at']],
  ['action_recorded', ['action', 'recorded_at']],
  ['ip', ['ip']],
  ['email_hash', ['subject_email_hash']],
  ['phone_hash', ['subject_phone_hash']],
  ['receipt', ['receipt_id']],
  ['withdraws', ['withdraws_id']],
];

const log = ({ strapi }: { strapi: Core.Strapi }) => {
  const consents = () => strapi.db.query(UIDS.consent);

  /** Translates the filters into a query-engine where clause. */
  const whereOf = (f: LogFilter): Row => {
    const and: Row[] = [];
    if (f.from) and.push({ recordedAt: { $gte: new Date(f.from) } });
    if (f.to) and.push({ recordedAt: { $lte: new Date(f.to) } });
    if (f.agreement) and.push({ agreementId: f.agreement });
    if (f.version) and.push({ versionId: f.version });
    if (f.form) and.push({ formKey: f.form });
    if (f.action) and.push({ action: f.action });
    if (f.ip) {
      const prefix = f.ip.endsWith('*') ? f.ip.slice(0, -1) : /[.:]$/.test(f.ip) ? f.ip : null;
      and.push(prefix !== null ? { ip: { $startsWith: prefix } } : { ip: f.ip });
    }
    if (f.pageUrl) and.push({ pageUrl: { $containsi: f.pageUrl } });
    if (f.subject) {
      const s = f.subject.trim();
      and.push(s.includes('@') ? { subjectEmailHash: emailHash(s) } : { subjectPhoneHash: phoneHash(s) });
    }
    return and.length ? { $and: and } : {};
  };

  const blank = (row: Row, personal: boolean) => {
    if (personal) return row;
    const out = { ...row };
    for (const k of PERSONAL) if (k in out) out[k] = null;
    return out;
  };

  const agreementNames = async (ids: number[]) => {
    const unique = [...new Set(ids)].filter(Boolean);
    const rows: Row[] = unique.length
      ? await strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: unique } }, select: ['id', 'name'] })
      : [];
    return new Map(rows.map((r) => [r.id, r.name as string]));
  };

  return {
    async ensureIndexes() {
      const table = strapi.db.metadata.get(UIDS.consent).tableName;
      for (const [name, cols] of INDEXES) {
        await ensureIndex(strapi.db.connection, strapi.db.dialect.client, table, `${table}_${name}_idx`, cols);
      }
    },

    async list(q: LogQuery, { personal }: { personal: boolean }) {
      if (!personal && (q.ip || q.subject)) {
        throw new errors.PolicyError('Filtering by IP or subject needs the "Read personal data" permission.');
      }
      const where = whereOf(q);
      const orderBy = [{ [q.sort]: q.order }, { seq: q.order }];
      const [rows, total] = await Promise.all([
        consents().findMany({ where, select: LIST_FIELDS, orderBy, offset: (q.page - 1) * q.pageSize, limit: q.pageSize }),
        consents().count({ where }),
      ]);
      const names = await agreementNames(rows.map((r: Row) => r.agreementId));
      return {
        data: rows.map((r: Row) => ({ ...blank(r, personal), seq: String(r.seq), agreementName: names.get(r.agreementId) ?? null })),
        meta: {
          pagination: { page: q.page, pageSize: q.pageSize, pageCount: Math.ceil(total / q.pageSize), total },
          personalData: personal,
        },
      };
    },

    async detail(id: number, { personal }: { personal: boolean }) {
      const row: Row | null = await consents().findOne({ where: { id } });
      if (!row) throw new errors.NotFoundError('Consent record not found');
      const [version, agreement, withdrawals, withdraws, submission] = await Promise.all([
        strapi.db.query(UIDS.agreementVersion).findOne({ where: { id: row.versionId } }),
        strapi.db.query(UIDS.agreement).findOne({ where: { id: row.agreementId }, select: ['id', 'name', 'template', 'type'] }),
        consents().findMany({ where: { withdrawsId: row.id }, orderBy: { seq: 'asc' } }),
        row.withdrawsId ? consents().findOne({ where: { id: row.withdrawsId }, select: ['id', 'seq', 'action', 'receiptId', 'recordedAt'] }) : null,
        personal && row.submissionId ? strapi.db.query(UIDS.submission).findOne({ where: { id: row.submissionId } }) : null,
      ]);
      const previous = BigInt(row.seq) > BigInt(1) ? await consents().findOne({ where: { seq: String(BigInt(row.seq) - BigInt(1)) }, select: ['id', 'hash'] }) : null;
      const next = await consents().findOne({ where: { seq: String(BigInt(row.seq) + BigInt(1)) }, select: ['id', 'prevHash'] });
      const { tokenHash: _t, ...visible } = row;
      const receipt = row.action === 'withdrawn' ? null : await getService('receipt', strapi).build(row);
      return {
        record: { ...blank(visible, personal), seq: String(row.seq) },
        agreement,
        version: version ? { ...version, agreement: version.agreementId } : null,
        expressed: { behaviour: row.behaviour, prechecked: Boolean(row.prechecked), fullTextOpened: Boolean(row.fullTextOpened), channel: row.channel },
        receipt: receipt && !personal ? { ...receipt, piiPrincipalId: null, principal: null } : receipt,
        withdrawals: withdrawals.map((w: Row) => blank({ id: w.id, seq: String(w.seq), recordedAt: w.recordedAt, channel: w.channel, note: w.note, recordedBy: w.recordedBy, receiptId: w.receiptId, ip: w.ip }, personal)),
        withdraws,
        chain: {
          seq: String(row.seq),
          hash: row.hash,
          prevHash: row.prevHash,
          ownHashValid: eventHash(row) === row.hash,
          linksToPrevious: previous ? previous.hash === row.prevHash : BigInt(row.seq) === BigInt(1),
          previousId: previous?.id ?? null,
          nextId: next?.id ?? null,
          linkedFromNext: next ? next.prevHash === row.hash : null,
        },
        submission: personal ? submission ?? null : undefined,
        personalData: personal,
      };
    },

    /**
     * Streams the filtered log as CSV (UTF-8 with BOM, so Excel opens Cyrillic correctly). Rows are read
     * in keyset batches by seq and written through csv-stringify as they come: memory stays flat
     * whatever the size. The export itself is recorded: who, when, which filter, how many rows.
     */
    async exportCsv(filter: LogFilter, who: { id: number | null; email: string | null }, { personal }: { personal: boolean }) {
      if (!personal && (filter.ip || filter.subject)) {
        throw new errors.PolicyError('Filtering by IP or subject needs the "Read personal data" permission.');
      }
      const entry = await strapi.db.query(UIDS.exportLog).create({
        data: { adminId: who.id, adminEmail: who.email, filter, withPersonalData: personal },
      });
      const where = whereOf(filter);
      const names = new Map<number, string>();
      const columns = ['id', 'seq', 'recordedAt', 'action', 'agreementId', 'agreement', 'versionId', 'versionNumber', 'formKey', 'pageUrl', 'behaviour', 'prechecked', 'fullTextOpened', 'channel', 'withdrawsId', 'receiptId', 'hash', 'prevHash', ...(personal ? ['ip', 'userAgent', 'subjectEmail', 'subjectPhone', 'subjectName', 'note'] : [])];
      const BATCH = 2000;
      let last = '0';
      let count = 0;
      const select = ['id', 'seq', 'recordedAt', 'action', 'agreementId', 'versionId', 'versionNumber', 'formKey', 'pageUrl', 'behaviour', 'prechecked', 'fullTextOpened', 'channel', 'withdrawsId', 'receiptId', 'hash', 'prevHash', ...(personal ? ['ip', 'userAgent', 'subject', 'note'] : [])];

      const rows = Readable.from(
        (async function* batches() {
          for (;;) {
            const batch: Row[] = await strapi.db.query(UIDS.consent).findMany({
              where: { $and: [where, { seq: { $gt: last } }] },
              select,
              orderBy: { seq: 'asc' },
              limit: BATCH,
            });
            if (!batch.length) break;
            const missing = batch.map((r) => r.agreementId).filter((id) => !names.has(id));
            if (missing.length) for (const [id, name] of await agreementNames(missing)) names.set(id, name);
            for (const r of batch) {
              count += 1;
              yield {
                ...r,
                seq: String(r.seq),
                recordedAt: new Date(r.recordedAt).toISOString(),
                agreement: names.get(r.agreementId) ?? '',
                prechecked: r.prechecked ? 'yes' : 'no',
                fullTextOpened: r.fullTextOpened ? 'yes' : 'no',
                subjectEmail: r.subject?.email ?? '',
                subjectPhone: r.subject?.phone ?? '',
                subjectName: r.subject?.name ?? '',
              };
            }
            last = String(batch[batch.length - 1].seq);
            if (batch.length < BATCH) break;
          }
          await strapi.db.query(UIDS.exportLog).update({ where: { id: entry.id }, data: { rows: count, finishedAt: new Date() } });
        })()
      );
      const out = new PassThrough();
      out.write('\uFEFF');
      const csv = stringify({ header: true, columns, cast: { boolean: (v) => (v ? 'yes' : 'no') } });
      rows.on('error', (e) => out.destroy(e));
      csv.on('error', (e) => out.destroy(e));
      rows.pipe(csv).pipe(out);
      return { stream: out, exportId: entry.id };
    },

    async exports({ page, pageSize }: { page: number; pageSize: number }, { personal }: { personal: boolean }) {
      const [rows, total] = await Promise.all([
        strapi.db.query(UIDS.exportLog).findMany({ orderBy: { id: 'desc' }, offset: (page - 1) * pageSize, limit: pageSize }),
        strapi.db.query(UIDS.exportLog).count({}),
      ]);
      // The filters of past exports may name an IP or a subject: shown only with the personal-data action.
      const data = rows.map((r: Row) =>
        personal || !r.filter ? r : { ...r, filter: { ...r.filter, ...(r.filter.ip ? { ip: '[hidden]' } : {}), ...(r.filter.subject ? { subject: '[hidden]' } : {}) } }
      );
      return { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
    },
  };
};

export default log;
