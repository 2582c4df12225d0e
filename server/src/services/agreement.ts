import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { pageMeta } from '../validation/common';
import { getService } from '../utils';
import { checkAgreementRules, type AgreementBody } from '../validation/agreement';
import { renderAgreement, getTemplate, type RenderContext } from '../templates';
import { findPurposePreset } from '../templates/purposes';
import { canonicalJson, sha256 } from '../utils/hash';
import type { Rendered, Requisites, Validity } from '../../../shared/contracts/agreements';

type Row = Record<string, any>;

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
};

const REQUISITE_KEYS = ['name', 'legalForm', 'country', 'inn', 'ogrn', 'kpp', 'unp', 'bin', 'legalAddress', 'postalAddress', 'email', 'phone', 'website'] as const;

const pickRequisites = (row: Row): Requisites => {
  const r: Row = {};
  for (const k of REQUISITE_KEYS) r[k] = row[k] ?? null;
  return r as Requisites;
};

/** The rendered content is what a person sees; its hash decides whether a save makes a new version. */
export const contentHash = (r: Rendered) =>
  sha256(canonicalJson({ language: r.language, label: r.label, labelHtml: r.labelHtml, html: r.html, text: r.text, externalUrl: r.externalUrl }));

const withDefaults = (row: Row) => {
  const out: Row = { ...row };
  for (const [k, v] of Object.entries(DEFAULTS)) if (out[k] === undefined || out[k] === null) out[k] = v;
  if (out.type === 'custom') out.template = null;
  return out;
};

const agreement = ({ strapi }: { strapi: Core.Strapi }) => {
  const agreements = () => strapi.db.query(UIDS.agreement);
  const versions = () => strapi.db.query(UIDS.agreementVersion);

  const loadRequisites = async (a: Row): Promise<Requisites | null> => {
    if (a.type !== 'standard') return null;
    if (a.dataSource === 'manual') return a.requisites ?? null;
    if (!a.companyId) return null;
    const company = await strapi.db.query(UIDS.company).findOne({ where: { id: a.companyId } });
    if (!company) {
      throw new errors.ValidationError('companyId: no company with this id', {
        errors: [{ path: ['companyId'], message: 'no company with this id', name: 'ValidationError' }],
      });
    }
    return pickRequisites(company);
  };

  /** Everything the text is rendered from: what the version's snapshot keeps. */
  const buildContext = async (a: Row): Promise<RenderContext> => ({
    type: a.type,
    template: a.type === 'standard' ? a.template : null,
    requisites: await loadRequisites(a),
    purposes: a.purposes ?? [],
    dataCategories: a.dataCategories ?? [],
    thirdParties: a.thirdParties ?? [],
    validity: a.validity ?? { kind: 'until-withdrawn' },
    withdrawalContact: a.withdrawalContact ?? null,
    crossBorderCountries: a.crossBorderCountries ?? [],
    publicSources: Boolean(a.publicSources),
    label: a.label,
    customHtml: a.type === 'custom' ? a.customHtml ?? null : null,
    externalUrl: a.externalUrl ?? null,
  });

  const checkPurposes = (a: Partial<AgreementBody>) => {
    (a.purposes ?? []).forEach((p, i) => {
      if (p.code && !findPurposePreset(p.code)) {
        throw new errors.ValidationError(`purposes.${i}.code: unknown preset purpose "${p.code}"`, {
          errors: [{ path: ['purposes', String(i), 'code'], message: 'unknown preset purpose', name: 'ValidationError' }],
        });
      }
    });
  };

  const publicVersion = (v: Row | null) => {
    if (!v) return null;
    const { agreementId, ...rest } = v;
    return { ...rest, agreement: agreementId };
  };

  const withCurrentVersion = async (a: Row) => {
    const current = a.currentVersionId ? await versions().findOne({ where: { id: a.currentVersionId } }) : null;
    return { ...withDefaults(a), currentVersion: publicVersion(current) };
  };

  /**
   * Renders the agreement and stores a new immutable version when the result differs from the current
   * one. Runs inside the caller's transaction, so the agreement and its version pointer stay consistent.
   */
  const renderAndVersion = async (a: Row): Promise<boolean> => {
    const ctx = await buildContext(a);
    const rendered = renderAgreement(ctx);
    const hash = contentHash(rendered);
    const current = a.currentVersionId
      ? await versions().findOne({ where: { id: a.currentVersionId }, select: ['id', 'hash', 'number'] })
      : null;
    if (current && current.hash === hash) return false;
    const number = (a.currentVersionNumber ?? 0) + 1;
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
        snapshot: { ...ctx, template: ctx.template ? getTemplate(ctx.template)?.id ?? ctx.template : null },
        hash,
      },
    });
    await agreements().update({
      where: { id: a.id },
      data: { currentVersionId: created.id, currentVersionNumber: number, language: rendered.language },
    });
    return true;
  };

  return {
    async list({ page, pageSize, q, type, template, active }: { page: number; pageSize: number; q?: string; type?: string; template?: string; active?: string }) {
      const where: Row = {};
      if (q) where.name = { $containsi: q };
      if (type) where.type = type;
      if (template) where.template = template;
      if (active) where.active = active === 'true';
      const [rows, total] = await Promise.all([
        agreements().findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], offset: (page - 1) * pageSize, limit: pageSize }),
        agreements().count({ where }),
      ]);
      return { data: rows.map(withDefaults), meta: pageMeta(page, pageSize, total) };
    },

    async getRow(id: number): Promise<Row> {
      const row = await agreements().findOne({ where: { id } });
      if (!row) throw new errors.NotFoundError('Agreement not found');
      return row;
    },

    async get(id: number) {
      return withCurrentVersion(await this.getRow(id));
    },

    async create(input: AgreementBody) {
      const merged = withDefaults({ ...input });
      checkAgreementRules(merged);
      checkPurposes(merged);
      await loadRequisites(merged);
      let versionCreated = false;
      const id = await strapi.db.transaction(async () => {
        const row = await agreements().create({ data: { ...merged, currentVersionNumber: 0 } });
        versionCreated = await renderAndVersion(row);
        return row.id as number;
      });
      return { data: await this.get(id), meta: { versionCreated } };
    },

    async update(id: number, input: Partial<AgreementBody>) {
      const existing = await this.getRow(id);
      const merged = withDefaults({ ...existing, ...input });
      checkAgreementRules(merged);
      checkPurposes(merged);
      await loadRequisites(merged);
      let versionCreated = false;
      await strapi.db.transaction(async () => {
        const row = await agreements().update({ where: { id }, data: input });
        versionCreated = await renderAndVersion({ ...row, currentVersionId: existing.currentVersionId, currentVersionNumber: existing.currentVersionNumber });
      });
      return { data: await this.get(id), meta: { versionCreated } };
    },

    /** Renders without storing anything: the editor's live preview. */
    async preview(input: Partial<AgreementBody>): Promise<Rendered> {
      const merged = withDefaults({ type: 'standard', label: '', ...input });
      checkAgreementRules(merged, { forPreview: true });
      checkPurposes(merged);
      return renderAgreement(await buildContext(merged));
    },

    async remove(id: number) {
      const existing = await this.getRow(id);
      const consents = await strapi.db.query(UIDS.consent).count({ where: { agreementId: id } });
      if (consents > 0) {
        throw new errors.ApplicationError(
          `This agreement has ${consents} consent record(s) and cannot be deleted; deactivate it instead.`,
          { reason: 'agreement-has-consents', consents }
        );
      }
      const forms = await getService('form', strapi).usingAgreement(id);
      if (forms.length) {
        throw new errors.ApplicationError(
          `This agreement is attached to the form(s) ${forms.map((f) => `"${f.key}"`).join(', ')}; detach it there first.`,
          { reason: 'agreement-attached', forms: forms.map((f) => f.key) }
        );
      }
      // Its versions stay: they are immutable records of what was shown.
      await agreements().delete({ where: { id } });
      return withDefaults(existing);
    },

    async listVersions(agreementId: number) {
      await this.getRow(agreementId);
      const rows = await versions().findMany({
        where: { agreementId },
        select: ['id', 'agreementId', 'number', 'hash', 'createdAt'],
        orderBy: { number: 'desc' },
      });
      return rows.map(publicVersion);
    },

    async getVersion(id: number) {
      const v = await versions().findOne({ where: { id } });
      if (!v) throw new errors.NotFoundError('Agreement version not found');
      return publicVersion(v);
    },

    /** A company's requisites changed: every agreement filled from it gets a new version if its text changed. */
    async onCompanyChanged(companyId: number) {
      const users = await agreements().findMany({ where: { companyId, dataSource: 'company', type: 'standard' } });
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
