import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { escapeHtml } from '../utils/sanitize';
import type { GetPublicVersion, PublicVersion } from '../../../shared/contracts/public';
import type { AgreementVersionRow } from '../types';

export type { PublicVersion };

const PUBLIC_FIELDS = ['id', 'agreementId', 'number', 'language', 'label', 'labelHtml', 'html', 'text', 'externalUrl', 'hash', 'createdAt'];

/** The full text as a standalone page, or where it lives when an external URL replaces it. */
export type VersionTextPage = { redirect: string } | { html: string };

const version = ({ strapi }: { strapi: Core.Strapi }) => ({
  async getPublic(id: number): Promise<PublicVersion> {
    const row = (await strapi.db.query(UIDS.agreementVersion).findOne({ where: { id }, select: PUBLIC_FIELDS })) as AgreementVersionRow | null;
    if (!row) throw new errors.NotFoundError('Agreement version not found', { code: 'not-found', params: { entity: 'agreement-version' } });
    const { agreementId, ...rest } = row;
    return { ...(rest as unknown as Omit<PublicVersion, 'agreement'>), agreement: agreementId };
  },

  /** `GET /api/user-consent/versions/:id` */
  async findOne(id: number): Promise<GetPublicVersion.Response> {
    return { data: await this.getPublic(id) };
  },

  /** `GET /api/user-consent/versions/:id/text`: what the label's link opens without JavaScript. */
  async textPage(id: number): Promise<VersionTextPage> {
    const v = await this.getPublic(id);
    if (!v.html && v.externalUrl) return { redirect: v.externalUrl };
    return {
      html: `<!doctype html><html lang="${escapeHtml(v.language || 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(v.label)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}</style></head><body>${v.html ?? ''}<hr><p><small>v${v.number} · SHA-256 ${v.hash}</small></p></body></html>`,
    };
  },
});

export default version;
