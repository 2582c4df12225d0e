import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { emailHash, phoneHash } from '../utils/subject';
import { TICKET_TABLE } from '../services/export-ticket';
import { TOMBSTONE_TABLE } from './ddl';
import { chunks, entryRows } from './rows';
import type { ErasureAct, ErasureKind, ErasurePreview, ErasureReason, ErasureResult, PersonalCategory } from '../../../shared/contracts/personal';

/**
 * Erasure: destroys the personal records of a person (or of one receipt, or those whose retention
 * ended) and appends one `erased` event to the chain that names them. Both happen in one transaction
 * under the chain lock, so there is never a moment where personal data is gone without its record,
 * and two erasures of the same records (two admins, two processes running retention) cannot both
 * count them: the second finds them gone.
 */

type Row = Record<string, any>;

export type ErasureTarget = { email: string } | { phone: string } | { externalId: string } | { receipt: string } | { personalIds: number[] };

export interface Eraser {
  id: number | null;
  name: string | null;
  email: string | null;
}

class NothingToErase extends Error {}


/** The categories of personal data a stored record holds. */
const categoriesOf = (r: Row, into: Set<PersonalCategory>) => {
  const subject: Row = r.subject ?? {};
  if (subject.email) into.add('email');
  if (subject.phone) into.add('phone');
  if (subject.name) into.add('name');
  if (subject.externalId || subject.id) into.add('externalId');
  if (r.ip) into.add('ip');
  if (r.userAgent) into.add('userAgent');
  if (r.pageQuery) into.add('pageQuery');
  if (r.data && Object.keys(r.data).length) into.add('formData');
  if (r.note) into.add('note');
  if (r.evidenceFileId != null || r.evidenceHash) into.add('evidence');
};

/** A person is counted once however many records they left: by the site's user id, else e-mail, else phone, else the record. */
const personKey = (r: Row) => r.externalHash || r.emailHash || r.phoneHash || `record:${r.id}`;

const ORDERED_CATEGORIES: PersonalCategory[] = ['email', 'phone', 'name', 'externalId', 'ip', 'userAgent', 'pageQuery', 'formData', 'note', 'evidence'];

const erasure = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  const consentTable = () => strapi.db.metadata.get(UIDS.consent).tableName;
  const people = () => getService('personal', strapi);

  /** The personal records a target names (before any lock: re-checked under it). */
  const resolve = async (target: ErasureTarget, q: Knex | Knex.Transaction = knex()): Promise<number[]> => {
    if ('personalIds' in target) return target.personalIds;
    if ('email' in target) return people().idsOf({ email: target.email }, q);
    if ('phone' in target) return people().idsOf({ phone: target.phone }, q);
    if ('externalId' in target) return people().idsOf({ externalId: target.externalId }, q);
    // A receipt: the record of its capture and those of the withdrawals of its consent.
    const event: Row | undefined = await q(consentTable()).where('receipt_id', target.receipt).whereIn('action', ['given', 'refused', 'requested']).first('id', 'personal_id');
    if (!event) return [];
    const withdrawals: Row[] = await q(consentTable()).where('withdraws_id', event.id).where('action', 'withdrawn').select('personal_id');
    return [event.personal_id, ...withdrawals.map((w) => w.personal_id)].filter((id) => id != null).map(Number);
  };

  /** What the records hold, and the events that refer to them. */
  const survey = async (ids: number[], q: Knex | Knex.Transaction) => {
    const rows = [...(await people().byIds(ids, q)).values()];
    const categories = new Set<PersonalCategory>();
    const persons = new Set<string>();
    for (const r of rows) {
      categoriesOf(r, categories);
      persons.add(personKey(r));
    }
    const existing = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    const events: Row[] = [];
    for (const part of chunks(existing)) {
      events.push(...(await q(consentTable()).whereIn('personal_id', part).select('id', 'agreement_id', 'form_key', 'recorded_at')));
    }
    return {
      rows,
      existing,
      categories: ORDERED_CATEGORIES.filter((c) => categories.has(c)),
      subjects: persons.size,
      events,
      forms: [...new Set(events.map((e) => e.form_key).filter(Boolean))].sort() as string[],
      agreementIds: [...new Set(events.map((e) => Number(e.agreement_id)).filter((id) => Number.isFinite(id) && id > 0))].sort((a, b) => a - b),
    };
  };

  /** The operators of the agreements concerned, as their companies' requisites are now. */
  const operatorsOf = async (agreementIds: number[]): Promise<ErasureAct['operators']> => {
    if (!agreementIds.length) return [];
    const agreements: Row[] = await strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: agreementIds } }, select: ['id', 'companyId'] });
    const companyIds = [...new Set(agreements.map((a) => a.companyId).filter(Boolean))];
    if (!companyIds.length) return [];
    const companies: Row[] = await strapi.db.query(UIDS.company).findMany({ where: { id: { $in: companyIds } } });
    return companies.map((c) => ({
      name: [c.legalForm, c.name].filter(Boolean).join(' '),
      inn: c.inn || c.unp || c.bin || null,
      ogrn: c.ogrn || null,
      address: c.legalAddress || c.postalAddress || null,
    }));
  };

  /** Removes what else could name an erased person: export filters and unused download tickets. */
  const scrubMentions = async (trx: Knex.Transaction, rows: Row[]) => {
    const emails = new Set(rows.map((r) => r.emailHash).filter(Boolean));
    const phones = new Set(rows.map((r) => r.phoneHash).filter(Boolean));
    const ips = new Set(rows.map((r) => r.ip).filter(Boolean));
    const logTable = strapi.db.metadata.get(UIDS.exportLog).tableName;
    const logged: Row[] = await trx(logTable).select('id', 'filter').whereNotNull('filter');
    for (const l of logged) {
      let filter: Row;
      try {
        filter = typeof l.filter === 'string' ? JSON.parse(l.filter) : l.filter;
      } catch {
        continue;
      }
      if (!filter || typeof filter !== 'object') continue;
      let changed = false;
      if (typeof filter.subject === 'string') {
        const s = filter.subject.trim();
        if ((s.includes('@') && emails.has(emailHash(s))) || (!s.includes('@') && phones.has(phoneHash(s)))) {
          filter.subject = '[erased]';
          changed = true;
        }
      }
      if (typeof filter.ip === 'string' && [...ips].some((ip) => ip === filter.ip.toLowerCase() || ip.startsWith(filter.ip.toLowerCase().replace(/\*$/, '')))) {
        filter.ip = '[erased]';
        changed = true;
      }
      if (changed) await trx(logTable).where('id', l.id).update({ filter: JSON.stringify(filter) });
    }
    // A download link not used yet may carry a subject or IP filter: it is simply withdrawn.
    if (await trx.schema.hasTable(TICKET_TABLE)) {
      await trx(TICKET_TABLE).where('filter', 'like', '%"subject"%').orWhere('filter', 'like', '%"ip"%').del();
    }
    // Links to "My consents" asked for an erased address, and the sessions they opened, end with it.
    if (emails.size) await trx(strapi.db.metadata.get(UIDS.selfLink).tableName).whereIn('lookup_hash', [...emails]).del();
  };

  /**
   * Freed space. SQLite overwrites deleted content when secure_delete is on (set before each erasure),
   * and a WAL keeps old pages until a checkpoint, which follows the commit. PostgreSQL keeps dead row
   * versions until VACUUM, which runs after the commit; even then the bytes of a removed row stay in
   * the page's free space (and its index entries in theirs) until a new row reuses it, which only a
   * rewrite of the table rules out: `compact()`, run by the retention job after erasures.
   */
  const VACUUM_DELAY_MS = 250;
  let vacuuming: Promise<void> | null = null;
  let vacuumAgain = false;
  const rewritten = () => [people().table(), strapi.db.metadata.get(UIDS.exportLog).tableName];
  const clearFreedSpace = async () => {
    const client = strapi.db.dialect.client;
    if (client === 'sqlite') {
      const [mode] = await knex().raw('PRAGMA journal_mode');
      if (String(mode?.journal_mode ?? '').toLowerCase() === 'wal') await knex().raw('PRAGMA wal_checkpoint(TRUNCATE)');
      return;
    }
    if (client !== 'postgres') return;
    if (vacuuming) {
      vacuumAgain = true;
      return;
    }
    vacuuming = (async () => {
      // Erasures in quick succession (an admin working through a list) share one VACUUM.
      await new Promise((r) => setTimeout(r, VACUUM_DELAY_MS));
      do {
        vacuumAgain = false;
        // The personal store, and the tables whose rows an erasure rewrote (their old versions are dead rows).
        await knex().raw(`VACUUM ${rewritten().join(', ')}`);
        if (await knex().schema.hasTable(TICKET_TABLE)) await knex().raw(`VACUUM ${TICKET_TABLE}`);
      } while (vacuumAgain);
    })()
      .catch((e) => {
        strapi.log.warn(`user-consent: VACUUM after an erasure failed: ${(e as Error).message}`);
      })
      .finally(() => {
        vacuuming = null;
      });
  };

  const store = () => strapi.store({ type: 'plugin', name: 'user-consent' });

  /**
   * The evidence files (uploads) of erased records that no remaining record names, read in the
   * erasure's transaction after its deletes: one file imported for several people is the evidence of
   * the others' consents too, and stays until the last of them is erased.
   */
  const orphanedEvidence = async (trx: Knex.Transaction, rows: Row[]): Promise<number[]> => {
    const ids = [...new Set(rows.map((r) => r.evidenceFileId).filter((id) => id != null).map(Number))];
    if (!ids.length) return [];
    const still = new Set<number>();
    for (const part of chunks(ids)) {
      const named: Row[] = await trx(people().table()).whereIn('evidence_file_id', part).distinct('evidence_file_id');
      for (const r of named) still.add(Number(r.evidence_file_id));
    }
    return ids.filter((id) => !still.has(id));
  };

  /**
   * Removes uploads through the upload plugin (its provider deletes the file and its formats, then
   * its Media Library entry), after the erasure committed: a file cannot be removed in a database
   * transaction, and one removed before a rollback would be lost evidence. A failure is logged with
   * the file's id only (no name: it may name the person) and the count says what was removed.
   */
  const removeEvidence = async (fileIds: number[]): Promise<number> => {
    if (!fileIds.length || !strapi.plugin('upload')) return 0;
    const uploads = strapi.plugin('upload').service('upload') as any;
    let removed = 0;
    for (const id of fileIds) {
      try {
        const file = await uploads.findOne(id);
        if (file) await uploads.remove(file);
        removed += 1;
      } catch (e) {
        strapi.log.error(`user-consent: an erased record's evidence file (upload ${id}) could not be removed: ${(e as Error).message}`);
      }
    }
    return removed;
  };

  return {
    resolve,
    operatorsOf,

    /** What an erasure of the target would destroy; 404 when nothing matches. */
    async preview(target: ErasureTarget): Promise<ErasurePreview> {
      const ids = await resolve(target);
      const s = await survey(ids, knex());
      if (!s.existing.length) throw new errors.NotFoundError('No personal data matches.', { code: 'not-found', params: { entity: 'subject' } });
      const names: Row[] = s.agreementIds.length ? await strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: s.agreementIds } }, select: ['id', 'name'] }) : [];
      const times = s.events.map((e) => new Date(e.recorded_at).getTime()).filter(Number.isFinite);
      return {
        events: s.events.length,
        subjects: s.subjects,
        categories: s.categories,
        forms: s.forms,
        agreements: s.agreementIds.map((id) => ({ id, name: names.find((n) => Number(n.id) === id)?.name ?? null })),
        first: times.length ? new Date(Math.min(...times)).toISOString() : null,
        last: times.length ? new Date(Math.max(...times)).toISOString() : null,
      };
    },

    /**
     * Destroys the personal records of the target and appends one `erased` event. Returns null when
     * nothing (left) to erase: the caller answers 404, or retention moves on.
     */
    async erase(
      target: ErasureTarget,
      how: { kind: ErasureKind; reason: ErasureReason; note?: string | null; by: Eraser | null },
      { clearFreedSpace: clear = true }: { clearFreedSpace?: boolean } = {}
    ): Promise<ErasureResult | null> {
      const candidates = await resolve(target);
      if (!candidates.length) return null;
      const erasedAt = new Date();
      const sqlite = strapi.db.dialect.client === 'sqlite';
      // Overwrite what is deleted (set per connection; SQLite has one writer connection).
      if (sqlite) await knex().raw('PRAGMA secure_delete = ON');
      const event: Row = {
        action: 'erased',
        channel: how.by ? 'admin' : 'system',
        recordedBy: how.by?.id ?? null,
        // The admin's free-text note stays in the act, not in the permanent chain: it might name the person.
        receiptId: crypto.randomUUID(),
        recordedAt: erasedAt,
      };
      let result: ErasureResult | null = null;
      let evidence: number[] = [];
      try {
        await strapi.db.transaction(async ({ trx }) => {
          const created = await getService('chain', strapi).append(trx, [event], async () => {
            // Under the chain lock: what another erasure took meanwhile is gone now and not counted.
            const s = await survey(candidates, trx);
            if (!s.existing.length) throw new NothingToErase();
            const operators = await operatorsOf(s.agreementIds);
            const [act] = await trx(strapi.db.metadata.get(UIDS.erasure).tableName)
              .insert(
                entryRows(strapi, UIDS.erasure, [
                  {
                    kind: how.kind,
                    reason: how.reason,
                    note: how.note ?? null,
                    events: s.events.length,
                    subjects: s.subjects,
                    categories: s.categories,
                    forms: s.forms,
                    operators,
                    adminId: how.by?.id ?? null,
                    adminName: how.by?.name ?? null,
                    adminEmail: how.by?.email ?? null,
                    erasedAt,
                  },
                ]).rows,
                strapi.db.dialect.client === 'mysql' ? undefined : ['id']
              )
              .then((r: any[]) => r.map((x) => Number(typeof x === 'object' ? x.id : x)));
            for (const part of chunks(s.existing)) {
              await trx(people().table()).whereIn('id', part).del();
              await trx(TOMBSTONE_TABLE).insert(part.map((id) => ({ personal_id: id, erasure_id: act })));
            }
            await scrubMentions(trx, s.rows);
            evidence = await orphanedEvidence(trx, s.rows);
            event.erasure = { id: act, kind: how.kind, reason: how.reason, events: s.events.length, subjects: s.subjects, personal: s.existing };
            result = { id: act, events: s.events.length, subjects: s.subjects, records: s.existing.length, erasedAt: erasedAt.toISOString() };
          });
          await trx(strapi.db.metadata.get(UIDS.erasure).tableName).where('id', result!.id).update({ seq: created[0].seq });
        });
      } catch (e) {
        if (e instanceof NothingToErase) return null;
        throw e;
      }
      const done = result as ErasureResult | null;
      if (done && evidence.length) done.evidenceFiles = await removeEvidence(evidence);
      if (clear) await clearFreedSpace().catch((e) => strapi.log.warn(`user-consent: clearing freed space after an erasure failed: ${(e as Error).message}`));
      return result;
    },

    /**
     * Rewrites the tables an erasure deleted from or changed, when there was an erasure since the last
     * rewrite, so that no freed page keeps an erased value: PostgreSQL `VACUUM FULL` (it holds an
     * exclusive lock on each table while it copies it: captures wait for the personal store meanwhile),
     * MySQL/MariaDB `OPTIMIZE TABLE` (an online rebuild). SQLite needs none (secure_delete).
     * Returns whether it rewrote anything.
     */
    async compact({ force = false } = {}): Promise<boolean> {
      const client = strapi.db.dialect.client;
      if (client === 'sqlite') return false;
      const last = await strapi.db.query(UIDS.erasure).findOne({ select: ['id'], orderBy: { id: 'desc' } });
      if (!last) return false;
      const done = Number((await store().get({ key: 'compactedThrough' })) ?? 0);
      if (!force && done >= last.id) return false;
      await this.settled();
      const tables = [...rewritten(), ...((await knex().schema.hasTable(TICKET_TABLE)) ? [TICKET_TABLE] : [])];
      if (client === 'postgres') await knex().raw(`VACUUM FULL ${tables.join(', ')}`);
      else await knex().raw(`OPTIMIZE TABLE ${tables.join(', ')}`);
      await store().set({ key: 'compactedThrough', value: last.id });
      return true;
    },

    /** Clears the space freed by erasures that were told not to (a retention run's batches). */
    clearFreedSpace,

    /** Waits for a VACUUM started by an erasure (tests and shutdown). */
    async settled() {
      while (vacuuming) await vacuuming;
    },

    async list({ page, pageSize }: { page: number; pageSize: number }) {
      const [rows, total] = await Promise.all([
        strapi.db.query(UIDS.erasure).findMany({ orderBy: { id: 'desc' }, offset: (page - 1) * pageSize, limit: pageSize }),
        strapi.db.query(UIDS.erasure).count({}),
      ]);
      return { data: rows.map(toAct), meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
    },

    async get(id: number): Promise<ErasureAct> {
      const row = await strapi.db.query(UIDS.erasure).findOne({ where: { id } });
      if (!row) throw new errors.NotFoundError('Act of destruction not found', { code: 'not-found', params: { entity: 'erasure' } });
      return toAct(row);
    },
  };
};

const toAct = (r: Row): ErasureAct => ({
  id: r.id,
  kind: r.kind,
  reason: r.reason,
  note: r.note ?? null,
  events: r.events ?? 0,
  subjects: r.subjects ?? 0,
  categories: r.categories ?? [],
  forms: r.forms ?? [],
  operators: r.operators ?? [],
  admin: r.adminId || r.adminName ? { id: r.adminId ?? null, name: r.adminName ?? null, email: r.adminEmail ?? null } : null,
  erasedAt: new Date(r.erasedAt).toISOString(),
  seq: r.seq != null ? String(r.seq) : null,
});

export default erasure;
