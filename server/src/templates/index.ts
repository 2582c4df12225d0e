/**
 * Agreement rendering engine (pure: no Strapi, no database, no clock).
 *
 * Turns an agreement's data into exactly what a person is shown: the checkbox label (plain and HTML) and
 * the full text (HTML and plain). The result is hashed into the agreement version, so it must be
 * deterministic: the same context always gives byte-identical output.
 */
import type { Rendered, TemplateId, TemplateInfo } from '../../../shared/contracts/agreements';
import { htmlToText, escapeHtml, sanitizeAgreementHtml } from '../utils/sanitize';
import { documentHtml, documentText } from './blocks';
import { byPersonalData } from './by-personal-data';
import { euGdpr } from './eu-gdpr';
import { kzPersonalData } from './kz-personal-data';
import { ruAdvertising } from './ru-advertising';
import { ruDistribution } from './ru-distribution';
import { ruPersonalData } from './ru-personal-data';
import type { RenderContext, TemplateDefinition } from './types';
import { DEFAULT_LABELS } from '../../../shared/contracts/languages';

export type { RenderContext, TemplateDefinition } from './types';
export type { Block, TemplateDocument } from './blocks';
export { PURPOSE_PRESETS, KANTARA_PURPOSE_CATEGORIES, findPurposePreset, purposeTitle } from './purposes';
export { withdrawalChannel } from './common';

const DEFINITIONS: TemplateDefinition[] = [ruPersonalData, ruAdvertising, ruDistribution, byPersonalData, kzPersonalData, euGdpr];

/** The label a template proposes in each of its languages (its own language's is its `defaultLabel`). */
const defaultLabelsOf = (info: TemplateInfo): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const language of info.languages) {
    const label = language === info.language ? info.defaultLabel : DEFAULT_LABELS[info.id]?.[language];
    if (label) out[language] = label;
  }
  return out;
};

/** Descriptions of the standard templates, in the order the admin offers them. */
export const TEMPLATES: TemplateInfo[] = DEFINITIONS.map((d) => ({ ...d.info, defaultLabels: defaultLabelsOf(d.info) }));

/** The full definition (description and renderer) of the template with this id, or undefined. */
export const getTemplateDefinition = (id: TemplateId | string | null | undefined): TemplateDefinition | undefined =>
  id ? DEFINITIONS.find((d) => d.info.id === id) : undefined;

/** The description of the template with this id, or undefined for an unknown or empty id. */
export const getTemplate = (id: TemplateId | string | null | undefined): TemplateInfo | undefined =>
  id ? TEMPLATES.find((t) => t.id === id) : undefined;

/** Where the label's link points when nothing else is given: the full text shown next to the form. */
export const DEFAULT_FULL_TEXT_URL = '#uc-full-text';

/**
 * A link target that cannot run code: http(s), a relative path or a fragment. Anything carrying another
 * scheme (javascript:, data:...) is replaced by the default; the routes validate URLs, this is a backstop.
 */
const safeLinkUrl = (url: string | null | undefined): string => {
  const u = (url ?? '').trim();
  if (!u) return DEFAULT_FULL_TEXT_URL;
  // eslint-disable-next-line no-control-regex
  const squeezed = u.replace(/[\x00-\x20\x7f-\x9f\u00a0\u200b-\u200f\ufeff]+/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squeezed);
  if (scheme) return scheme[1] === 'http' || scheme[1] === 'https' ? u : DEFAULT_FULL_TEXT_URL;
  return squeezed.split(/[/?#]/)[0].includes(':') ? DEFAULT_FULL_TEXT_URL : u;
};

export interface RenderedLabel {
  /** The label without the link brackets. */
  label: string;
  /** Escaped label, the first [bracketed] part wrapped in a link to the full text. */
  labelHtml: string;
}

/**
 * Splits a label on its first [bracketed] part (the link to the full text). Later brackets are ordinary
 * text. Without brackets, or with empty ones, the whole label is plain text.
 */
export const renderLabel = (rawLabel: string, url: string | null | undefined): RenderedLabel => {
  const label = rawLabel ?? '';
  const m = /\[([^\]]*)\]/.exec(label);
  if (!m || !m[1].trim()) {
    const plain = m ? label.slice(0, m.index) + m[1] + label.slice(m.index + m[0].length) : label;
    return { label: plain, labelHtml: escapeHtml(plain) };
  }
  const before = label.slice(0, m.index);
  const after = label.slice(m.index + m[0].length);
  const href = escapeHtml(safeLinkUrl(url));
  return {
    label: before + m[1] + after,
    labelHtml: `${escapeHtml(before)}<a href="${href}" data-uc-full-text target="_blank" rel="noopener noreferrer">${escapeHtml(m[1])}</a>${escapeHtml(after)}`,
  };
};

const CYRILLIC = /[\u0400-\u04ff]/;

/** Language of a custom agreement: the one given, else its template's, else guessed from the script. */
const customLanguage = (ctx: RenderContext, kept?: string, language?: string | null): string => {
  if (language) return language;
  if (ctx.language) return ctx.language;
  const fromTemplate = getTemplate(ctx.template)?.language;
  if (fromTemplate) return fromTemplate;
  return CYRILLIC.test(`${ctx.label} ${ctx.customHtml ?? kept ?? ''}`) ? 'ru' : 'en';
};

/** The snapshot of an external text, kept when its version is made (external-texts/fetch.ts). */
export interface KeptText {
  html: string;
  text: string;
}

/**
 * Renders an agreement. Standard: the template's blocks, pruned of what has nothing to say, as HTML and
 * plain text. Custom: the editor's HTML sanitised; with an external URL, the snapshot kept of it (or
 * nothing, in the editor's preview, which fetches nothing: the label then links to the URL).
 * `language`: the language to render in (an agreement's default, or one of its other languages, with
 * the context's label and custom HTML in that language); without it, the template's own language
 * (a custom text: guessed from its script), as every version made before languages rendered.
 * Throws only for a standard agreement without a known template (a programming error upstream).
 */
export const renderAgreement = (ctx: RenderContext, kept: KeptText | null = null, language: string | null = null): Rendered => {
  if (ctx.type === 'custom') {
    const externalUrl = (ctx.externalUrl ?? '').trim() || null;
    if (externalUrl && kept) {
      // The kept snapshot is the full text: the label opens it as it opens a text written here.
      return { language: customLanguage(ctx, kept.text, language), ...renderLabel(ctx.label, ctx.fullTextUrl), html: kept.html, text: kept.text, externalUrl };
    }
    const html = externalUrl ? null : sanitizeAgreementHtml(ctx.customHtml ?? '');
    return {
      language: customLanguage(ctx, undefined, language),
      ...renderLabel(ctx.label, externalUrl ?? ctx.fullTextUrl),
      html,
      text: html === null ? null : htmlToText(html),
      externalUrl,
    };
  }
  const def = getTemplateDefinition(ctx.template);
  if (!def) throw new Error(`Unknown agreement template: ${String(ctx.template)}`);
  // A language the template has no text in renders its own (the agreement's rules refuse offering one).
  const shown = language && def.info.languages.includes(language) ? language : def.info.language;
  const doc = def.render(ctx, shown);
  return {
    language: shown,
    ...renderLabel(ctx.label, ctx.fullTextUrl),
    html: documentHtml(doc),
    text: documentText(doc),
    externalUrl: null,
  };
};
