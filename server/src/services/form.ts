import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { pageMeta } from '../validation/common';
import type { FormBody } from '../validation/form';
import type { IpPolicy } from '../../../shared/contracts/personal';
import { behaviourFlags, type FormWarning, type PublicForm, type Behaviour } from '../../../shared/contracts/forms';

type Row = Record<string, any>;

const fieldError = (path: string[], message: string) =>
  new errors.ValidationError(`${path.join('.')}: ${message}`, { errors: [{ path, message, name: 'ValidationError' }] });

const withDefaults = (row: Row): Row => ({
  ...row,
  fields: row.fields ?? [],
  agreements: row.agreements ?? [],
  allowedOrigins: row.allowedOrigins ?? [],
  storeSubmissions: Boolean(row.storeSubmissions),
  active: row.active !== false,
  ipPolicy: row.ipPolicy ?? 'full',
  retentionDays: row.retentionDays ?? null,
  withdrawalRetentionDays: row.withdrawalRetentionDays ?? 30,
});

export const PRECHECKED_GDPR_WARNING =
  'GDPR recital 32: a pre-ticked box is not valid consent under the eu-gdpr template; use an unticked or "read first" mode.';

export const FULL_IP_GDPR_WARNING =
  'GDPR art. 5(1)(c): this form keeps whole IP addresses for an eu-gdpr agreement; "truncated" (IPv4 /24, IPv6 /48) keeps what the proof needs.';

export type LoadedForm = PublicForm & { allowedOrigins: string[]; storeSubmissions: boolean; id: number; ipPolicy: IpPolicy };

const form = ({ strapi }: { strapi: Core.Strapi }) => {
  const forms = () => strapi.db.query(UIDS.form);

  /**
   * Public form definitions, kept for `publicFormCacheMs` (2 s by default) so that a busy form costs
   * no query per submission. Any write to a form, agreement, version or company in this process clears
   * it at once (a database lifecycle, see bootstrap); other processes see a change within the TTL.
   */
  const cache = new Map<string, { at: number; value: Promise<LoadedForm> }>();
  let generation = 0;
  const cacheMs = () => Number(strapi.config.get('plugin::user-consent.publicFormCacheMs') ?? 0);

  /**
   * Attached agreements must exist and be active; one that was attached before and deactivated since
   * may stay (the public route skips it). Returns them by id.
   */
  const checkAgreements = async (list: { agreementId: number; behaviour: Behaviour }[], alreadyAttached: number[] = []) => {
    if (!list.length) return new Map<number, Row>();
    const ids = list.map((a) => a.agreementId);
    const rows = await strapi.db.query(UIDS.agreement).findMany({
      where: { id: { $in: ids } },
      select: ['id', 'name', 'active', 'template', 'currentVersionId'],
    });
    const byId = new Map<number, Row>(rows.map((r: Row) => [r.id, r]));
    list.forEach((a, i) => {
      const row = byId.get(a.agreementId);
      if (!row) throw fieldError(['agreements', String(i), 'agreementId'], `no agreement with id ${a.agreementId}`);
      if (!row.active && !alreadyAttached.includes(a.agreementId)) throw fieldError(['agreements', String(i), 'agreementId'], `agreement "${row.name}" is inactive and cannot be attached`);
    });
    return byId;
  };

  const warningsFor = (list: { agreementId: number; behaviour: Behaviour }[], byId: Map<number, Row>, ipPolicy: string = 'full'): FormWarning[] => {
    const gdpr = list.filter((a) => byId.get(a.agreementId)?.template === 'eu-gdpr');
    return [
      ...gdpr
        .filter((a) => behaviourFlags(a.behaviour).prechecked)
        .map((a) => ({ agreementId: a.agreementId, code: 'gdpr-prechecked' as const, message: PRECHECKED_GDPR_WARNING })),
      // Data minimisation (GDPR art. 5(1)(c)): the network part of the address proves the origin as well.
      ...(ipPolicy === 'full' ? gdpr.slice(0, 1).map((a) => ({ agreementId: a.agreementId, code: 'gdpr-ip-full' as const, message: FULL_IP_GDPR_WARNING })) : []),
    ];
  };

  const ensureUniqueKey = async (key: string, exceptId?: number) => {
    const other = await forms().findOne({ where: { key }, select: ['id'] });
    if (other && other.id !== exceptId) throw fieldError(['key'], `a form with the key "${key}" already exists`);
  };

  return {
    async list({ page, pageSize, q }: { page: number; pageSize: number; q?: string }) {
      const where: Row = q ? { $or: [{ name: { $containsi: q } }, { key: { $containsi: q } }] } : {};
      const [rows, total] = await Promise.all([
        forms().findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], offset: (page - 1) * pageSize, limit: pageSize }),
        forms().count({ where }),
      ]);
      return { data: rows.map(withDefaults), meta: pageMeta(page, pageSize, total) };
    },

    async getRow(id: number) {
      const row = await forms().findOne({ where: { id } });
      if (!row) throw new errors.NotFoundError('Form not found');
      return withDefaults(row);
    },

    async get(id: number) {
      const row = await this.getRow(id);
      return { data: row, meta: { warnings: warningsFor(row.agreements, await checkAgreementsLoose(strapi, row.agreements), row.ipPolicy) } };
    },

    async create(input: FormBody) {
      await ensureUniqueKey(input.key);
      const byId = await checkAgreements(input.agreements);
      const row = await forms().create({ data: input });
      return { data: withDefaults(row), meta: { warnings: warningsFor(input.agreements, byId, input.ipPolicy) } };
    },

    async update(id: number, input: Partial<FormBody>) {
      const existing = await this.getRow(id);
      if (input.key && input.key !== existing.key) {
        await ensureUniqueKey(input.key, id);
        const used = await strapi.db.query(UIDS.consent).count({ where: { formKey: existing.key } });
        if (used) throw fieldError(['key'], 'the key of a form that has consents cannot change: the consents refer to it');
      }
      const agreements = input.agreements ?? existing.agreements;
      const byId = await checkAgreements(input.agreements ?? [], existing.agreements.map((a: Row) => a.agreementId));
      const row = withDefaults(await forms().update({ where: { id }, data: input }));
      const all = input.agreements ? byId : await checkAgreementsLoose(strapi, agreements);
      return { data: row, meta: { warnings: warningsFor(agreements, all, row.ipPolicy) } };
    },

    /** Forms that have the agreement attached (forms are few: read them all). */
    async usingAgreement(agreementId: number) {
      const all: Row[] = await forms().findMany({ select: ['id', 'key', 'agreements'] });
      return all.filter((f) => (f.agreements ?? []).some((a: Row) => a.agreementId === agreementId));
    },

    async remove(id: number) {
      const existing = await this.getRow(id);
      const used = await strapi.db.query(UIDS.consent).count({ where: { formKey: existing.key } });
      if (used) {
        throw new errors.ApplicationError(
          `This form has ${used} consent record(s) and cannot be deleted; deactivate it instead.`,
          { reason: 'form-has-consents', consents: used }
        );
      }
      await forms().delete({ where: { id } });
      return existing;
    },

    /** Forgets every cached public form (called after any write that can change one). */
    clearPublicCache() {
      generation += 1;
      cache.clear();
    },

    /** The public form (see loadPublic), from the short-lived cache when it is fresh. */
    async getPublic(key: string): Promise<LoadedForm> {
      const ttl = cacheMs();
      if (ttl <= 0) return this.loadPublic(key);
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && now - hit.at < ttl) return hit.value;
      const startedAt = generation;
      // Concurrent requests for a cold key share one load; a failed load (404) is not kept.
      const value = this.loadPublic(key);
      cache.set(key, { at: now, value });
      value.then(
        () => {
          // A write during the load may have made this result stale: do not keep it.
          if (generation !== startedAt && cache.get(key)?.value === value) cache.delete(key);
        },
        () => {
          if (cache.get(key)?.value === value) cache.delete(key);
        }
      );
      if (cache.size > 1000) cache.delete(cache.keys().next().value as string);
      return value;
    },

    /**
     * The public description of an active form, with the current version of each active agreement.
     * One query for the form, one for its agreements, one for their versions.
     */
    async loadPublic(key: string): Promise<LoadedForm> {
      const row = await forms().findOne({ where: { key, active: true } });
      if (!row) throw new errors.NotFoundError('Form not found');
      const f = withDefaults(row);
      const ids = f.agreements.map((a: Row) => a.agreementId);
      const agreements: Row[] = ids.length
        ? await strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: ids }, active: true }, select: ['id', 'currentVersionId'] })
        : [];
      const versionIds = agreements.map((a) => a.currentVersionId).filter(Boolean);
      const versions: Row[] = versionIds.length
        ? await strapi.db.query(UIDS.agreementVersion).findMany({
            where: { id: { $in: versionIds } },
            select: ['id', 'agreementId', 'number', 'hash', 'label', 'labelHtml'],
          })
        : [];
      const versionOf = new Map(versions.map((v) => [v.agreementId, v]));
      return {
        id: f.id,
        key: f.key,
        name: f.name,
        fields: f.fields,
        successRedirectUrl: f.successRedirectUrl ?? null,
        successMessage: f.successMessage ?? null,
        allowedOrigins: f.allowedOrigins,
        storeSubmissions: f.storeSubmissions,
        ipPolicy: f.ipPolicy,
        agreements: f.agreements
          .filter((a: Row) => versionOf.has(a.agreementId))
          .map((a: Row) => {
            const v = versionOf.get(a.agreementId)!;
            return {
              agreement: a.agreementId,
              version: { id: v.id, number: v.number, hash: v.hash },
              label: v.label,
              labelHtml: v.labelHtml,
              behaviour: a.behaviour,
              ...behaviourFlags(a.behaviour),
              textUrl: `/api/user-consent/versions/${v.id}/text`,
            };
          }),
      };
    },
  };
};

/** Templates of attached agreements without the active check (for warnings on stored forms). */
const checkAgreementsLoose = async (strapi: Core.Strapi, list: { agreementId: number }[]) => {
  const rows = list.length
    ? await strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: list.map((a) => a.agreementId) } }, select: ['id', 'template'] })
    : [];
  return new Map<number, Row>(rows.map((r: Row) => [r.id, r]));
};

export default form;
