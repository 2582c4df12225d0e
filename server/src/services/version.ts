import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { escapeHtml } from '../utils/sanitize';
import type { GetPublicVersion, PublicVersion } from '../../../shared/contracts/public';
import type { AgreementVersionRow } from '../types';
import { getService } from '../utils';
import { captionsShown, fillFormFields } from '../templates/form-fields';
import { shownText } from './agreement';

export type { PublicVersion };

const PUBLIC_FIELDS = ['id', 'agreementId', 'number', 'language', 'label', 'labelHtml', 'html', 'text', 'externalUrl', 'externalText', 'hash', 'createdAt', 'translations'];

/** The line above an external text's snapshot, in the version's language (Russian or English). */
const SNAPSHOT_NOTE = {
  en: { kept: 'A copy of the page kept when this version was made, on', live: 'The page as it is now', hash: 'SHA-256 of the copy' },
  ru: { kept: 'Копия страницы, сохранённая при создании этой версии,', live: 'Страница в её нынешнем виде', hash: 'SHA-256 копии' },
};

/** The full text as a standalone page, or where it lives when an external URL replaces it. */
export type VersionTextPage = { redirect: string } | { html: string };

const version = ({ strapi }: { strapi: Core.Strapi }) => ({
  async getPublic(id: number): Promise<PublicVersion> {
    const row = (await strapi.db.query(UIDS.agreementVersion).findOne({ where: { id }, select: PUBLIC_FIELDS })) as AgreementVersionRow | null;
    if (!row) throw new errors.NotFoundError('Agreement version not found', { code: 'not-found', params: { entity: 'agreement-version' } });
    // `translations` only for a version in several languages: a one-language version reads as before.
    const { agreementId, translations, ...rest } = row;
    return { ...(rest as unknown as Omit<PublicVersion, 'agreement'>), ...(translations ? { translations } : {}), agreement: agreementId };
  },

  /**
   * The version as the form `formKey` shows it (when given): the list of an agreement without data
   * categories holds the captions of the form's fields. The form must be active (else a 404).
   */
  async onForm(id: number, formKey?: string): Promise<PublicVersion> {
    const v = await this.getPublic(id);
    if (!formKey) return v;
    const form = await getService('form', strapi).getPublic(formKey);
    const captions = captionsShown(v.html, form.fields);
    const filled = fillFormFields(v, captions);
    // Every language of the version lists the same fields.
    return filled.translations
      ? { ...filled, translations: Object.fromEntries(Object.entries(filled.translations).map(([l, t]) => [l, fillFormFields(t, captions)])) }
      : filled;
  },

  /** `GET /api/user-consent/versions/:id` (`?form=<key>`: as that form shows it) */
  async findOne(id: number, formKey?: string): Promise<GetPublicVersion.Response> {
    return { data: await this.onForm(id, formKey) };
  },

  /** `GET /api/user-consent/versions/:id/text`: what the label's link opens without JavaScript. */
  async textPage(id: number, formKey?: string, language: string | null = null): Promise<VersionTextPage> {
    const stored = await this.getPublic(id);
    // Another language of the version, when it has it: that language's text under that language's hash.
    const shown = shownText(stored, language);
    let v: PublicVersion = { ...stored, language: shown.language, label: shown.label, html: shown.html, hash: shown.hash };
    // As the form shows it: an agreement without data categories lists the captions of its fields.
    if (formKey) v = fillFormFields(v, captionsShown(v.html, (await getService('form', strapi).getPublic(formKey)).fields));
    // A version made before snapshots were kept holds only the address.
    if (!v.html && v.externalUrl) return { redirect: v.externalUrl };
    const ext = v.externalText;
    let note = '';
    if (ext) {
      const say = v.language === 'ru' ? SNAPSHOT_NOTE.ru : SNAPSHOT_NOTE.en;
      note =
        `<aside class="uc-kept"><p>${escapeHtml(say.kept)} <time datetime="${escapeHtml(ext.fetchedAt)}">${escapeHtml(ext.fetchedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}</time>.</p>` +
        `<p>${escapeHtml(say.live)}: <a href="${escapeHtml(ext.url)}" rel="noopener noreferrer" data-uc-live-page>${escapeHtml(ext.url)}</a></p>` +
        `<p><small>${escapeHtml(say.hash)}: ${escapeHtml(ext.sha256)}</small></p></aside><hr>`;
    }
    return {
      html: `<!doctype html><html lang="${escapeHtml(v.language || 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(v.label)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}.uc-kept{color:#555;font-size:14px}.uc-kept p{margin:.25rem 0}</style></head><body>${note}${v.html ?? ''}<hr><p><small>v${v.number} · SHA-256 ${v.hash}</small></p></body></html>`,
    };
  },
});

export default version;
