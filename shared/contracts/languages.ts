/**
 * The checkbox label a new agreement of each standard template proposes in each language. The
 * template's own language proposes its `defaultLabel`; these are the other languages' proposals, used
 * only where the template has its text in that language (`TemplateInfo.languages`). The editor types
 * the label that is shown; these are never shown without being saved into an agreement.
 */
import type { TemplateId } from './constants';

export const DEFAULT_LABELS: Record<TemplateId, Partial<Record<string, string>>> = {
  'ru-personal-data': { en: 'I give my [consent to the processing of my personal data]' },
  'ru-advertising': { en: 'I give my [consent to receiving advertising mailings]' },
  'ru-distribution': { en: 'I give my [consent to the distribution of my personal data] to the extent I have marked' },
  'by-personal-data': { en: 'I have read the explanation of my rights and give my [consent to the processing of my personal data]' },
  'kz-personal-data': { en: 'I give my [consent to the collection and processing of my personal data]' },
  'eu-gdpr': { ru: 'Я даю [согласие на обработку моих персональных данных] в описанных целях' },
};
