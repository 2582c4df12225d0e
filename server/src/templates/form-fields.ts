/**
 * The data list "as shown": an agreement that lists no data categories says that the data meant is
 * what the person enters in the form. Its text (rendered once, hashed into the version) holds a list
 * marked `<ul data-uc-form-fields>` whose items say so in general words; where the text is shown on a
 * form, the list's items become the captions of that form's fields, as the person sees them, and the
 * consent event records those captions (`dataShown`, a proof field). The plain text has no visible
 * mark: its list is found by its items, which are those of the marked HTML list.
 */
import type { FormField } from '../../../shared/contracts/forms';
import { FORM_FIELDS_ATTRIBUTE, clean } from './blocks';
import { escapeHtml } from '../utils/sanitize';
import { jsonColumn } from '../events/raw-rows';

const MARKED_LIST = new RegExp(`<ul ${FORM_FIELDS_ATTRIBUTE}>([\\s\\S]*?)</ul>`);
const ITEM = /<li>([\s\S]*?)<\/li>/g;

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
/** The text of an item as documentText writes it: its HTML (escaped text, <strong>) without tags. */
const itemText = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e]);

/** The captions of a form's fields as the person sees them: each field's label, in the form's order. */
export const formCaptions = (fields: Pick<FormField, 'label'>[] | null | undefined): string[] =>
  (fields ?? []).map((f) => clean(f.label)).filter(Boolean);

/** Whether a rendered text has the list of the form's fields (an agreement without data categories). */
export const hasFormFieldsList = (html: string | null | undefined): boolean => Boolean(html && MARKED_LIST.test(html));

/** The captions a text shows on a form with these fields: none when the text lists its own data, or the form has no captions. */
export const captionsShown = (html: string | null | undefined, fields: Pick<FormField, 'label'>[] | null | undefined): string[] =>
  hasFormFieldsList(html) ? formCaptions(fields) : [];

/**
 * A version's HTML and plain text with the marked list's items replaced by the captions (each an
 * item); unchanged when there are no captions or no marked list.
 */
export const fillFormFields = <T extends { html?: string | null; text?: string | null }>(v: T, captions: string[] | null | undefined): T => {
  const names = (captions ?? []).map(clean).filter(Boolean);
  const found = v.html ? MARKED_LIST.exec(v.html) : null;
  if (!names.length || !found || !v.html) return v;
  const html = v.html.replace(MARKED_LIST, `<ul ${FORM_FIELDS_ATTRIBUTE}>${names.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  let text = v.text ?? null;
  if (text) {
    const generic = [...found[1].matchAll(ITEM)].map((m) => `- ${itemText(m[1])}`).join('\n');
    const at = generic ? text.indexOf(generic) : -1;
    if (at >= 0) text = text.slice(0, at) + names.map((n) => `- ${n}`).join('\n') + text.slice(at + generic.length);
  }
  return { ...v, html, text };
};

/** The captions a consent event recorded as its data list shown (the proof field `dataShown`), or none. */
export const dataShownOf = (row: { dataShown?: unknown }): string[] => {
  const v = jsonColumn(row.dataShown);
  return Array.isArray(v) ? v.map(String) : [];
};
