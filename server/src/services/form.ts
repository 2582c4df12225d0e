import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { pageMeta, behaviourFlags, isGdprPrechecked, GDPR_TEMPLATE } from '../../../shared/contracts/constants';
import type {
  CreateForm,
  DeleteForm,
  Form,
  FormAgreement,
  FormBody,
  FormWarning,
  DoubleOptInSettings,
  GetForm,
  GetForms,
  UpdateForm,
} from '../../../shared/contracts/forms';
import type { GetPublicForm, PublicForm, PublicFormAgreement } from '../../../shared/contracts/public';
import type { IpPolicy } from '../../../shared/contracts/personal';
import { assertAdvertisingOptional, assertAgreementsAttachable, assertFormDeletable, assertFormKeyChangeable, assertFormKeyFree } from '../rules';
import type { AgreementRow, AgreementVersionRow, FormRow } from '../types';
import { monthsOf } from '../events/states';
import { offeredChoices } from '../utils/choices';
import { captionsShown } from '../templates/form-fields';

/** A stored form with every optional field at its default: what the API shows. */
const withDefaults = (row: FormRow): Form => ({
  ...(row as unknown as Form),
  fields: row.fields ?? [],
  agreements: row.agreements ?? [],
  allowedOrigins: row.allowedOrigins ?? [],
  storeSubmissions: Boolean(row.storeSubmissions),
  active: row.active !== false,
  ipPolicy: row.ipPolicy ?? 'full',
  retentionDays: row.retentionDays ?? null,
  withdrawalRetentionDays: row.withdrawalRetentionDays ?? 30,
  sendReceiptEmail: Boolean(row.sendReceiptEmail),
  doubleOptIn: row.doubleOptIn ?? null,
});

export const PRECHECKED_GDPR_WARNING =
  'GDPR recital 32: a pre-ticked box is not valid consent under the eu-gdpr template; use an unticked or "read first" mode.';

export const FULL_IP_GDPR_WARNING =
  'GDPR art. 5(1)(c): this form keeps whole IP addresses for an eu-gdpr agreement; "truncated" (IPv4 /24, IPv6 /48) keeps what the proof needs.';

/** The public form with what the server needs besides (never sent to the public). */
/** A public form's agreement as loaded: with its label in each other language of its version. */
export type LoadedAgreement = PublicFormAgreement & { translations: Record<string, { label: string; labelHtml: string }> };

export type LoadedForm = Omit<PublicForm, 'agreements'> & {
  agreements: LoadedAgreement[];
  allowedOrigins: string[];
  storeSubmissions: boolean;
  id: number;
  ipPolicy: IpPolicy;
  /** Mail the receipt link to the subject's e-mail after a submission (the form's switch). */
  sendReceiptEmail: boolean;
  /** Per version shown, its validity in months (null: until withdrawn): what a capture's expiresAt follows. */
  validityMonths: Map<number, number | null>;
  /** Double opt-in (services/double-opt-in.ts); null: none. */
  doubleOptIn: DoubleOptInSettings | null;
};

type TemplateOf = Map<number, Pick<AgreementRow, 'id' | 'template'>>;

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

  const warningsFor = (list: FormAgreement[], byId: TemplateOf, ipPolicy: string = 'full'): FormWarning[] => {
    const gdpr = list.filter((a) => byId.get(a.agreementId)?.template === GDPR_TEMPLATE);
    return [
      ...gdpr
        .filter((a) => isGdprPrechecked(byId.get(a.agreementId)?.template, a.behaviour))
        .map((a) => ({ agreementId: a.agreementId, code: 'gdpr-prechecked' as const, message: PRECHECKED_GDPR_WARNING })),
      // Data minimisation (GDPR art. 5(1)(c)): the network part of the address proves the origin as well.
      ...(ipPolicy === 'full' ? gdpr.slice(0, 1).map((a) => ({ agreementId: a.agreementId, code: 'gdpr-ip-full' as const, message: FULL_IP_GDPR_WARNING })) : []),
    ];
  };

  return {
    async getRow(id: number): Promise<Form> {
      const row = await forms().findOne({ where: { id } });
      if (!row) throw new errors.NotFoundError('Form not found', { code: 'not-found', params: { entity: 'form' } });
      return withDefaults(row as FormRow);
    },

    async find({ page, pageSize, q }: GetForms.Query): Promise<GetForms.Response> {
      const where = q ? { $or: [{ name: { $containsi: q } }, { key: { $containsi: q } }] } : {};
      const [rows, total] = await Promise.all([
        forms().findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], offset: (page - 1) * pageSize, limit: pageSize }),
        forms().count({ where }),
      ]);
      return { data: (rows as FormRow[]).map(withDefaults), meta: pageMeta(page, pageSize, total) };
    },

    async findOne(id: number): Promise<GetForm.Response> {
      const row = await this.getRow(id);
      return { data: row, meta: { warnings: warningsFor(row.agreements, await templatesOf(strapi, row.agreements), row.ipPolicy) } };
    },

    async create(input: FormBody): Promise<CreateForm.Response> {
      await assertFormKeyFree(strapi, input.key);
      assertDoubleOptInAttached(input.doubleOptIn, input.agreements);
      const byId = await assertAgreementsAttachable(strapi, input.agreements);
      await assertAdvertisingOptional(strapi, input.agreements);
      const row = withDefaults((await forms().create({ data: input })) as FormRow);
      return { data: row, meta: { warnings: warningsFor(input.agreements, byId, input.ipPolicy) } };
    },

    async update(id: number, input: Partial<FormBody>): Promise<UpdateForm.Response> {
      const existing = await this.getRow(id);
      if (input.key && input.key !== existing.key) {
        await assertFormKeyFree(strapi, input.key, id);
        await assertFormKeyChangeable(strapi, [existing.key], input.key);
      }
      const agreements = input.agreements ?? existing.agreements;
      if (input.doubleOptIn !== undefined || input.agreements) assertDoubleOptInAttached(input.doubleOptIn !== undefined ? input.doubleOptIn : existing.doubleOptIn ?? null, agreements);
      const byId = await assertAgreementsAttachable(strapi, input.agreements ?? [], existing.agreements.map((a) => a.agreementId));
      await assertAdvertisingOptional(strapi, input.agreements);
      const row = withDefaults((await forms().update({ where: { id }, data: input })) as FormRow);
      const all = input.agreements ? byId : await templatesOf(strapi, agreements);
      return { data: row, meta: { warnings: warningsFor(agreements, all, row.ipPolicy) } };
    },

    async delete(id: number): Promise<DeleteForm.Response> {
      const existing = await this.getRow(id);
      await assertFormDeletable(strapi, [existing.key]);
      await forms().delete({ where: { id } });
      return { data: existing };
    },

    /** `GET /api/user-consent/forms/:key`: what the public sees of an active form. */
    /**
     * The public form with each agreement in `language` when its version has that language, else in its
     * version's default language; `language` of each agreement says which one it is.
     */
    async findPublic(key: string, language: string | null = null): Promise<GetPublicForm.Response> {
      const { allowedOrigins: _o, storeSubmissions: _s, id: _id, ipPolicy: _p, validityMonths: _m, sendReceiptEmail: _r, doubleOptIn: _d, agreements, ...form } = await this.getPublic(key);
      return { data: { ...form, agreements: agreements.map((a) => inLanguage(a, language)) } };
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
      if (!row) throw new errors.NotFoundError('Form not found', { code: 'not-found', params: { entity: 'form' } });
      const f = withDefaults(row as FormRow);
      const ids = f.agreements.map((a) => a.agreementId);
      const agreements = (
        ids.length
          ? await strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: ids }, active: true }, select: ['id', 'currentVersionId'] })
          : []
      ) as Pick<AgreementRow, 'id' | 'currentVersionId'>[];
      const versionIds = agreements.map((a) => a.currentVersionId).filter(Boolean);
      const versions = (
        versionIds.length
          ? await strapi.db.query(UIDS.agreementVersion).findMany({
              where: { id: { $in: versionIds } },
              select: ['id', 'agreementId', 'number', 'hash', 'language', 'label', 'labelHtml', 'snapshot', 'html', 'translations'],
            })
          : []
      ) as Pick<AgreementVersionRow, 'id' | 'agreementId' | 'number' | 'hash' | 'language' | 'label' | 'labelHtml' | 'snapshot' | 'html' | 'translations'>[];
      const versionOf = new Map(versions.map((v) => [v.agreementId, v]));
      // The text of an agreement without data categories lists this form's captions (kept, not its text).
      const shownOf = new Map(versions.map((v) => [v.id, captionsShown(v.html, f.fields)]));
      return {
        id: f.id,
        key: f.key,
        name: f.name,
        fields: f.fields,
        successRedirectUrl: f.successRedirectUrl ?? null,
        successMessage: f.successMessage ?? null,
        allowedOrigins: f.allowedOrigins,
        storeSubmissions: f.storeSubmissions,
        ipPolicy: f.ipPolicy ?? 'full',
        sendReceiptEmail: Boolean(f.sendReceiptEmail),
        validityMonths: new Map(versions.map((v) => [v.id, monthsOf(v.snapshot?.validity)])),
        doubleOptIn: f.doubleOptIn ?? null,
        agreements: f.agreements
          .filter((a) => versionOf.has(a.agreementId))
          .map((a) => {
            const v = versionOf.get(a.agreementId)!;
            return {
              agreement: a.agreementId,
              version: { id: v.id, number: v.number, hash: v.hash },
              language: v.language || null,
              languages: [...(v.language ? [v.language] : []), ...Object.keys(v.translations ?? {})],
              translations: Object.fromEntries(Object.entries(v.translations ?? {}).map(([l, t]) => [l, { label: t.label, labelHtml: t.labelHtml }])),
              label: v.label,
              labelHtml: v.labelHtml,
              behaviour: a.behaviour,
              ...behaviourFlags(a.behaviour),
              textUrl: `/api/user-consent/versions/${v.id}/text${shownOf.get(v.id)!.length ? `?form=${encodeURIComponent(f.key)}` : ''}`,
              ...offeredChoices(v.snapshot, v.language),
              ...(shownOf.get(v.id)!.length ? { dataShown: shownOf.get(v.id)! } : {}),
            };
          }),
      };
    },
  };
};

/**
 * A loaded agreement as the public sees it in a language: its label in that language when its version
 * has it (the text page then opens that language's text), else in the version's default language.
 */
const inLanguage = ({ translations, ...a }: LoadedAgreement, language: string | null): PublicFormAgreement => {
  const t = language && language !== a.language ? translations[language] : undefined;
  if (!t) return a;
  return { ...a, language, label: t.label, labelHtml: t.labelHtml, textUrl: `${a.textUrl}${a.textUrl.includes('?') ? '&' : '?'}language=${encodeURIComponent(language!)}` };
};

/** Double opt-in may name only agreements of the form (400 `double-opt-in-not-attached`). */
const assertDoubleOptInAttached = (doi: DoubleOptInSettings | null | undefined, agreements: FormAgreement[]) => {
  const attached = new Set(agreements.map((a) => a.agreementId));
  const stray = (doi?.agreements ?? []).find((id) => !attached.has(id));
  if (stray !== undefined) {
    const message = `agreement ${stray} is not attached to this form`;
    throw new errors.ValidationError(`doubleOptIn.agreements: ${message}`, {
      code: 'double-opt-in-not-attached',
      params: { agreement: stray },
      errors: [{ path: ['doubleOptIn', 'agreements'], message, name: 'ValidationError', code: 'double-opt-in-not-attached', params: { agreement: stray } }],
    });
  }
};

/** Templates of attached agreements without the active check (for warnings on stored forms). */
const templatesOf = async (strapi: Core.Strapi, list: FormAgreement[]): Promise<TemplateOf> => {
  const rows = (
    list.length
      ? await strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: list.map((a) => a.agreementId) } }, select: ['id', 'template'] })
      : []
  ) as Pick<AgreementRow, 'id' | 'template'>[];
  return new Map(rows.map((r) => [r.id, r]));
};

export default form;
