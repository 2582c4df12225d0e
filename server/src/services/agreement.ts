import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { pageMeta } from '../../../shared/contracts/constants';
import { REQUISITE_KEYS } from '../../../shared/contracts/companies';
import {
  agreementIssues,
  type Agreement,
  type AgreementBody,
  type CreateAgreement,
  type DeleteAgreement,
  type GetAgreement,
  type GetAgreementVersions,
  type GetConsentStates,
  type GetAgreements,
  type GetPurposes,
  type GetTemplates,
  type GetVersion,
  type PreviewAgreement,
  type Rendered,
  type Requisites,
  type UpdateAgreement,
  type Validity,
  type ExternalText,
  type Version,
  type VersionSummary,
  type VersionTranslation,
} from '../../../shared/contracts/agreements';
import { renderAgreement, getTemplate, TEMPLATES, type RenderContext } from '../templates';
import { ExternalTextError, fetchExternalText, type ExternalSnapshot } from '../external-texts/fetch';
import { defaultExternalTextsConfig, type ExternalTextsConfig } from '../config';
import { findPurposePreset, PURPOSE_PRESETS } from '../templates/purposes';
import { canonicalJson, sha256 } from '../utils/hash';
import { assertAdvertisingAttachments, assertAgreementDeletable, assertAgreementDetached } from '../rules';
import type { AgreementRow, AgreementVersionRow, CompanyRow } from '../types';
import { GIVEN_STATES } from '../../../shared/contracts/constants';
import { monthsOf, stateSql } from '../events/states';

/** An agreement as the rules and the renderer see it: a stored row, an incoming body, or both merged. */
type AgreementDraft = Partial<AgreementRow> & Partial<AgreementBody>;

/** Fields an agreement row carries besides its id and timestamps, with their defaults. */
const DEFAULTS = {
  dataSource: 'company',
  companyId: null,
  requisites: null,
  purposes: [],
  dataCategories: [],
  thirdParties: [],
  validity: { kind: 'until-withdrawn' } as Validity,
  withdrawalContact: null,
  crossBorderCountries: [],
  publicSources: false,
  customHtml: null,
  externalUrl: null,
  template: null,
  active: true,
  channels: [],
  distribution: null,
  languages: [],
  translations: {},
};

const pickRequisites = (row: CompanyRow): Requisites => {
  const r: Record<string, unknown> = {};
  for (const k of REQUISITE_KEYS) r[k] = row[k] ?? null;
  return r as unknown as Requisites;
};

/** The first issue of the cross-field rules as Strapi's ValidationError (400), all issues in details. */
const checkAgreementRules = (a: AgreementDraft, options: { forPreview?: boolean } = {}) => {
  const issues = agreementIssues(a as Partial<AgreementBody>, options);
  if (!issues.length) return;
  const [first] = issues;
  throw new errors.ValidationError(`${first.path.join('.')}: ${first.message}`, {
    code: first.code,
    params: first.params,
    errors: issues.map((i) => ({ ...i, name: 'ValidationError' })),
  });
};

/** The rendered content is what a person sees; its hash decides whether a save makes a new version. */
export const contentHash = (r: Rendered) =>
  sha256(canonicalJson({ language: r.language, label: r.label, labelHtml: r.labelHtml, html: r.html, text: r.text, externalUrl: r.externalUrl }));

/** The version's other languages, each language named once with its own hash (null: one language). */
const translationHashes = (translations: Rendered['translations']) =>
  translations && Object.keys(translations).length ? Object.fromEntries(Object.entries(translations).map(([l, t]) => [l, t.hash])) : null;

/**
 * A version's hash: its content's, and for an external text also the snapshot's record (the URL, where
 * the redirects ended, the fetch time, the media type and the snapshot's own SHA-256), so the hash
 * names what was read from where and when. A version in several languages: its default language's
 * content with the hash of each other language's (`translations: { en: hash }`), so one hash covers
 * all its texts; a one-language version's hash is its content's, as it always was.
 */
export const versionHash = (r: Rendered, externalText: ExternalText | null) => {
  const translations = translationHashes(r.translations);
  if (externalText) return sha256(canonicalJson({ language: r.language, label: r.label, labelHtml: r.labelHtml, html: r.html, text: r.text, externalUrl: r.externalUrl, externalText }));
  if (translations) return sha256(canonicalJson({ language: r.language, label: r.label, labelHtml: r.labelHtml, html: r.html, text: r.text, externalUrl: r.externalUrl, translations }));
  return contentHash(r);
};

/** One language of a stored version: what was shown in it and that text's own hash. */
export interface ShownText {
  language: string | null;
  label: string;
  labelHtml: string;
  html: string | null;
  text: string | null;
  hash: string;
  /** Whether the hash is that of the content as stored (and, for the default language, of the whole version). */
  hashValid: boolean;
}

type StoredVersion = Partial<Rendered> & { hash?: string | null; externalText?: ExternalText | null };

/** The languages of a version, its default first. */
export const versionLanguages = (v: StoredVersion): string[] => [...(v.language ? [v.language] : []), ...Object.keys(v.translations ?? {}).filter((l) => l !== v.language)];

/**
 * A version's text in `language` (its default language when it has no such language, or none is asked
 * for), with that language's own hash and whether the stored content still gives it.
 */
export const shownText = (v: StoredVersion, language?: string | null): ShownText => {
  const t = language && language !== v.language ? v.translations?.[language] : undefined;
  if (t) {
    const own = contentHash({ language: language!, label: t.label, labelHtml: t.labelHtml, html: t.html, text: t.text, externalUrl: null });
    return { language: language!, label: t.label, labelHtml: t.labelHtml, html: t.html, text: t.text, hash: t.hash, hashValid: own === t.hash && versionHashValid(v) };
  }
  const main = { language: v.language ?? '', label: v.label ?? '', labelHtml: v.labelHtml ?? '', html: v.html ?? null, text: v.text ?? null, externalUrl: v.externalUrl ?? null };
  const multi = translationHashes(v.translations);
  return { ...main, language: v.language ?? null, hash: multi ? contentHash(main) : v.hash ?? '', hashValid: versionHashValid(v) };
};

/** Whether a stored version's hash is that of its content (an external text's covers its fetch record too). */
export const versionHashValid = (v: StoredVersion) => {
  if (!v.hash) return false;
  const r = { language: v.language ?? '', label: v.label ?? '', labelHtml: v.labelHtml ?? '', html: v.html ?? null, text: v.text ?? null, externalUrl: v.externalUrl ?? null, translations: v.translations ?? null };
  return versionHash(r as Rendered, v.externalText ?? null) === v.hash || (!v.translations && contentHash(r as Rendered) === v.hash);
};

/** An external text that cannot be kept, as the 400 the editor sees on the URL field. */
const externalTextRefusal = (e: ExternalTextError) =>
  new errors.ValidationError(`externalUrl: ${e.message}`, {
    code: e.code,
    params: e.params,
    errors: [{ path: ['externalUrl'], message: e.message, name: 'ValidationError', code: e.code, params: e.params }],
  });

/** An agreement with every optional field at its default: what the API shows. */
const withDefaults = <T extends AgreementDraft>(row: T): T & typeof DEFAULTS => {
  const out: Record<string, unknown> = { ...row };
  for (const [k, v] of Object.entries(DEFAULTS)) if (out[k] === undefined || out[k] === null) out[k] = v;
  if (out.type === 'custom') out.template = null;
  return out as T & typeof DEFAULTS;
};

/** The channels and the distribution settings of an agreement, only those it has. */
const choicesContext = (a: AgreementDraft): Pick<RenderContext, 'channels' | 'distribution'> => ({
  ...(a.channels?.length ? { channels: a.channels } : {}),
  ...(a.distribution ? { distribution: a.distribution } : {}),
});

/**
 * Whether a version offers the same choices as the context: a custom text need not mention its
 * channels or categories, yet what the person chooses from is part of what they were shown.
 */
const sameChoices = (snapshot: object | null | undefined, ctx: RenderContext) =>
  canonicalJson(choicesContext((snapshot ?? {}) as AgreementDraft)) === canonicalJson(choicesContext(ctx as AgreementDraft));

/** An agreement as the API shows it: one stored before languages lists the language of its text. */
const toAgreement = (row: AgreementRow) => {
  const a = withDefaults(row);
  return { ...a, languages: a.languages.length ? a.languages : a.language ? [a.language] : [] } as unknown as Agreement;
};

/**
 * Renders an agreement in every language it offers: its default language in the version's own
 * columns, the others in `translations`, each with its own hash. An agreement that lists no languages
 * renders as before (the template's language, or a custom text's guessed from its script).
 */
export const renderLanguages = (a: AgreementDraft, ctx: RenderContext, kept: ExternalSnapshot | null = null): Rendered => {
  const [first, ...others] = a.languages ?? [];
  const main = renderAgreement(ctx, kept, first ?? null);
  if (!others.length || kept) return main;
  const translations: Record<string, VersionTranslation> = {};
  for (const language of others) {
    const t = a.translations?.[language];
    const r = renderAgreement({ ...ctx, label: t?.label ?? '', customHtml: ctx.type === 'custom' ? t?.customHtml ?? null : null }, null, language);
    translations[language] = { label: r.label, labelHtml: r.labelHtml, html: r.html, text: r.text, hash: contentHash(r) };
  }
  return { ...main, translations };
};

const agreement = ({ strapi }: { strapi: Core.Strapi }) => {
  const agreements = () => strapi.db.query(UIDS.agreement);
  const versions = () => strapi.db.query(UIDS.agreementVersion);
  const externalConfig = () => ({ ...defaultExternalTextsConfig, ...((strapi.config.get('plugin::user-consent.externalTexts') as ExternalTextsConfig | undefined) ?? {}) });

  /**
   * The snapshot of a custom agreement's external text, fetched now (outside any transaction: a slow
   * page must not hold the database); null when the agreement has no external URL.
   */
  const keepExternal = async (a: AgreementDraft): Promise<ExternalSnapshot | null> => {
    const url = a.type === 'custom' ? (a.externalUrl ?? '').trim() : '';
    if (!url) return null;
    try {
      return await fetchExternalText(url, externalConfig());
    } catch (e) {
      if (e instanceof ExternalTextError) throw externalTextRefusal(e);
      throw e;
    }
  };

  // A custom agreement may name its operator too (a company or typed requisites, optional): its
  // versions keep them, and its receipts name the operator as a standard agreement's do.
  const loadRequisites = async (a: AgreementDraft): Promise<Requisites | null> => {
    if (a.dataSource === 'manual') return a.requisites ?? null;
    if (!a.companyId) return null;
    const company = await strapi.db.query(UIDS.company).findOne({ where: { id: a.companyId } });
    if (!company) {
      throw new errors.ValidationError('companyId: no company with this id', {
        code: 'company-not-found',
        params: { id: a.companyId },
        errors: [{ path: ['companyId'], message: 'no company with this id', name: 'ValidationError', code: 'company-not-found', params: { id: a.companyId } }],
      });
    }
    return pickRequisites(company as CompanyRow);
  };

  /** Everything the text is rendered from: what the version's snapshot keeps. */
  const buildContext = async (a: AgreementDraft): Promise<RenderContext> => ({
    type: a.type ?? 'standard',
    template: a.type === 'standard' ? a.template : null,
    requisites: await loadRequisites(a),
    purposes: a.purposes ?? [],
    dataCategories: a.dataCategories ?? [],
    thirdParties: a.thirdParties ?? [],
    validity: a.validity ?? { kind: 'until-withdrawn' },
    withdrawalContact: a.withdrawalContact ?? null,
    crossBorderCountries: a.crossBorderCountries ?? [],
    publicSources: Boolean(a.publicSources),
    label: a.label ?? '',
    customHtml: a.type === 'custom' ? a.customHtml ?? null : null,
    externalUrl: a.externalUrl ?? null,
    // Kept in the context (and the version's snapshot) only when set: what the person chooses from.
    ...choicesContext(a),
  });

  /** A standard agreement is offered only in languages its template has a text in (400 language-not-in-template). */
  const checkLanguages = (a: AgreementDraft) => {
    if (a.type !== 'standard') return;
    const template = getTemplate(a.template);
    const stray = (a.languages ?? []).find((l) => template && !template.languages.includes(l));
    if (stray) {
      const message = `template ${template!.id} has no text in "${stray}" (it has: ${template!.languages.join(', ')})`;
      throw new errors.ValidationError(`languages: ${message}`, {
        code: 'language-not-in-template',
        params: { language: stray, template: template!.id, languages: template!.languages },
        errors: [{ path: ['languages'], message, name: 'ValidationError', code: 'language-not-in-template', params: { language: stray, template: template!.id } }],
      });
    }
  };

  const checkPurposes = (a: AgreementDraft) => {
    (a.purposes ?? []).forEach((p, i) => {
      if (p.code && !findPurposePreset(p.code)) {
        throw new errors.ValidationError(`purposes.${i}.code: unknown preset purpose "${p.code}"`, {
          code: 'purpose-unknown',
          params: { purpose: p.code },
          errors: [
            { path: ['purposes', String(i), 'code'], message: 'unknown preset purpose', name: 'ValidationError', code: 'purpose-unknown', params: { purpose: p.code } },
          ],
        });
      }
    });
  };

  /** A version as the admin sees it: `agreement` for the stored agreementId. */
  const toVersion = <V extends Partial<AgreementVersionRow>>(v: V) => {
    const { agreementId, ...rest } = v;
    const languages = v.label !== undefined ? versionLanguages(v).map((language) => ({ language, hash: shownText(v, language).hash })) : undefined;
    return { ...rest, agreement: agreementId, ...(languages ? { languages } : {}) };
  };

  const withCurrentVersion = async (a: AgreementRow): Promise<GetAgreement.Response['data']> => {
    const current = a.currentVersionId ? ((await versions().findOne({ where: { id: a.currentVersionId } })) as AgreementVersionRow | null) : null;
    return { ...toAgreement(a), currentVersion: current ? (toVersion(current) as unknown as Version) : null };
  };

  /**
   * Renders the agreement and stores a new immutable version when the result differs from the current
   * one, or when its validity in months does (what expiry reads from the version). Runs inside the
   * caller's transaction, so the agreement and its version pointer stay consistent. `requiresRenewal`
   * is recorded on the version this creates (and moves the agreement's `renewalFromVersion` to it);
   * without a new version it is not recorded anywhere.
   */
  const renderAndVersion = async (
    a: AgreementRow,
    { requiresRenewal = false, kept = null }: { requiresRenewal?: boolean; kept?: ExternalSnapshot | null } = {}
  ): Promise<boolean> => {
    const ctx = await buildContext(a);
    if (a.type === 'custom' && ctx.externalUrl?.trim() && !kept) throw new Error('an external text is versioned with its snapshot only');
    const rendered = renderLanguages(a, ctx, kept);
    const externalText = kept?.externalText ?? null;
    const hash = versionHash(rendered, externalText);
    const current = a.currentVersionId
      ? ((await versions().findOne({
          where: { id: a.currentVersionId },
          select: ['id', 'hash', 'number', 'snapshot', 'language', 'label', 'labelHtml', 'html', 'text', 'externalUrl', 'externalText', 'translations'],
        })) as AgreementVersionRow | null)
      : null;
    // The same content fetched again is no new version: an external text's hash also covers its fetch
    // time, so its content is compared without it.
    const same = current && (current.externalText ? contentHash(current as Rendered) === contentHash(rendered) : current.hash === hash);
    if (current && same && monthsOf(current.snapshot?.validity) === monthsOf(ctx.validity) && sameChoices(current.snapshot, ctx)) return false;
    const number = (a.currentVersionNumber ?? 0) + 1;
    // Version 1 has no earlier consents to renew.
    const renewal = requiresRenewal && number > 1;
    const created = await versions().create({
      data: {
        agreementId: a.id,
        number,
        language: rendered.language,
        label: rendered.label,
        labelHtml: rendered.labelHtml,
        html: rendered.html,
        text: rendered.text,
        externalUrl: rendered.externalUrl,
        externalText,
        translations: rendered.translations ?? null,
        snapshot: { ...ctx, template: ctx.template ? getTemplate(ctx.template)?.id ?? ctx.template : null },
        hash,
        requiresRenewal: renewal,
      },
    });
    await agreements().update({
      where: { id: a.id },
      data: { currentVersionId: created.id, currentVersionNumber: number, language: rendered.language, ...(renewal ? { renewalFromVersion: number } : {}) },
    });
    return true;
  };

  return {
    templates(): GetTemplates.Response {
      return { data: TEMPLATES };
    },

    purposes(): GetPurposes.Response {
      return { data: PURPOSE_PRESETS };
    },

    async find({ page, pageSize, q, type, template, active }: GetAgreements.Query): Promise<GetAgreements.Response> {
      const where: Record<string, unknown> = {};
      if (q) where.name = { $containsi: q };
      if (type) where.type = type;
      if (template) where.template = template;
      if (active) where.active = active === 'true';
      const [rows, total] = await Promise.all([
        agreements().findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], offset: (page - 1) * pageSize, limit: pageSize }),
        agreements().count({ where }),
      ]);
      return { data: (rows as AgreementRow[]).map(toAgreement), meta: pageMeta(page, pageSize, total) };
    },

    async getRow(id: number): Promise<AgreementRow> {
      const row = await agreements().findOne({ where: { id } });
      if (!row) throw new errors.NotFoundError('Agreement not found', { code: 'not-found', params: { entity: 'agreement' } });
      return row as AgreementRow;
    },

    async findOne(id: number): Promise<GetAgreement.Response> {
      return { data: await withCurrentVersion(await this.getRow(id)) };
    },

    async create(input: AgreementBody): Promise<CreateAgreement.Response> {
      const merged = withDefaults({ ...input });
      checkAgreementRules(merged);
      checkLanguages(merged);
      checkPurposes(merged);
      await loadRequisites(merged);
      const kept = await keepExternal(merged);
      let versionCreated = false;
      const id = await strapi.db.transaction(async () => {
        const row = (await agreements().create({ data: { ...merged, currentVersionNumber: 0 } })) as AgreementRow;
        versionCreated = await renderAndVersion(row, { kept });
        return row.id;
      });
      return { data: await withCurrentVersion(await this.getRow(id)), meta: { versionCreated } };
    },

    async update(id: number, { requiresRenewal = false, ...input }: UpdateAgreement.Body): Promise<UpdateAgreement.Response> {
      const existing = await this.getRow(id);
      const merged = withDefaults({ ...existing, ...input });
      checkAgreementRules(merged);
      checkLanguages(merged);
      checkPurposes(merged);
      await loadRequisites(merged);
      await assertAdvertisingAttachments(strapi, merged);
      const kept = await keepExternal(merged);
      let versionCreated = false;
      await strapi.db.transaction(async () => {
        const row = (await agreements().update({ where: { id }, data: input })) as AgreementRow;
        versionCreated = await renderAndVersion({ ...row, currentVersionId: existing.currentVersionId, currentVersionNumber: existing.currentVersionNumber }, { requiresRenewal, kept });
      });
      return { data: await withCurrentVersion(await this.getRow(id)), meta: { versionCreated, requiresRenewal: versionCreated ? requiresRenewal : null } };
    },

    /** How many consents given to (or refused for) the agreement are in each state now. */
    async consentStates(id: number): Promise<GetConsentStates.Response> {
      await this.getRow(id);
      const k = strapi.db.connection;
      const { table, caseExpression } = stateSql(strapi);
      const state = caseExpression();
      const inner = k(table).where(`${table}.agreement_id`, id).whereIn(`${table}.action`, ['given', 'refused', 'requested']).select(k.raw(`${state.sql} AS state`, state.bindings as any[]));
      const rows: { state: string; count: unknown }[] = await k.from(inner.as('s')).select('state').count({ count: '*' }).groupBy('state');
      const counts = Object.fromEntries([...GIVEN_STATES, 'refused'].map((s) => [s, 0])) as GetConsentStates.Counts;
      for (const r of rows) if (r.state in counts) counts[r.state as keyof GetConsentStates.Counts] = Number(r.count);
      return { data: counts };
    },

    /** Renders without storing anything: the editor's live preview. */
    async preview(input: Partial<AgreementBody>): Promise<PreviewAgreement.Response> {
      const merged = withDefaults({ type: 'standard' as const, label: '', ...input });
      checkAgreementRules(merged, { forPreview: true });
      checkLanguages(merged);
      checkPurposes(merged);
      return { data: renderLanguages(merged, await buildContext(merged)) };
    },

    async delete(id: number): Promise<DeleteAgreement.Response> {
      const existing = await this.getRow(id);
      await assertAgreementDeletable(strapi, [id]);
      await assertAgreementDetached(strapi, [id]);
      // Its versions stay: they are immutable records of what was shown.
      await agreements().delete({ where: { id } });
      return { data: toAgreement(existing) };
    },

    async versions(agreementId: number): Promise<GetAgreementVersions.Response> {
      await this.getRow(agreementId);
      const rows = (await versions().findMany({
        where: { agreementId },
        select: ['id', 'agreementId', 'number', 'hash', 'createdAt', 'requiresRenewal'],
        orderBy: { number: 'desc' },
      })) as AgreementVersionRow[];
      return { data: rows.map((v) => toVersion(v) as unknown as VersionSummary) };
    },

    async version(id: number): Promise<GetVersion.Response> {
      const v = (await versions().findOne({ where: { id } })) as AgreementVersionRow | null;
      if (!v) throw new errors.NotFoundError('Agreement version not found', { code: 'not-found', params: { entity: 'agreement-version' } });
      return { data: toVersion(v) as unknown as Version };
    },

    /** A company's requisites changed: every agreement filled from it gets a new version if its text changed. */
    async onCompanyChanged(companyId: number) {
      const users = (await agreements().findMany({ where: { companyId, dataSource: 'company', type: 'standard' } })) as AgreementRow[];
      let created = 0;
      for (const a of users) {
        await strapi.db.transaction(async () => {
          if (await renderAndVersion(a)) created += 1;
        });
      }
      return created;
    },
  };
};

export default agreement;
