/**
 * What a person chooses inside one agreement, besides accepting it: the advertising channels they
 * tick (38-FZ art. 18) and, in a consent to distribution (152-FZ art. 10.1), whether each category of
 * data may be made public. Pure (no zod, no Strapi, no DOM): the server's rules, the admin panel and
 * the widget read the same lists and the same rule from here.
 */
import type { Behaviour } from './constants';

/** Ways advertising may reach a person; an advertising agreement offers some, the person ticks each. */
export const AD_CHANNELS = ['email', 'sms', 'phone', 'messengers', 'push'] as const;
export type AdChannel = (typeof AD_CHANNELS)[number];

/** How a channel reads in an agreement's text and next to its checkbox. */
export const AD_CHANNEL_TITLES: Record<AdChannel, { en: string; ru: string }> = {
  email: { en: 'e-mail', ru: 'электронная почта' },
  sms: { en: 'SMS', ru: 'SMS-сообщения' },
  phone: { en: 'phone calls', ru: 'телефонные звонки' },
  messengers: { en: 'messengers', ru: 'мессенджеры' },
  push: { en: 'push notifications', ru: 'push-уведомления' },
};

/** The template of advertising consents, and the preset purpose that makes any agreement one. */
export const ADVERTISING_TEMPLATE = 'ru-advertising';
export const ADVERTISING_PURPOSE = 'newsletters-advertising';

/** The template of consents to distribution (152-FZ art. 10.1). */
export const DISTRIBUTION_TEMPLATE = 'ru-distribution';

/**
 * An agreement to receive advertising: the ru-advertising template, or any agreement (custom ones too)
 * stating the advertising purpose.
 */
export const isAdvertising = (a: { type?: string | null; template?: string | null; purposes?: { code?: string | null }[] | null }) =>
  (a.type !== 'custom' && a.template === ADVERTISING_TEMPLATE) || (a.purposes ?? []).some((p) => p?.code === ADVERTISING_PURPOSE);

/**
 * 38-FZ art. 18 p.1 and FAS practice: a consent to advertising the person could not refuse is no
 * consent. Of the four behaviours only an optional, unticked box leaves the choice to the person.
 */
export const advertisingBehaviourAllowed = (behaviour: Behaviour) => behaviour === 'optional-unchecked';

/**
 * Categories of data a consent to distribution may list, after RKN Order No. 18 of 24.02.2021 (item 6:
 * the categories of personal data) and what sites publish most (photos, positions, reviews). An agreement
 * may add its own category with a code and a title.
 */
export const DISTRIBUTION_CATEGORIES: { code: string; en: string; ru: string }[] = [
  { code: 'full-name', en: 'surname, first name, patronymic', ru: 'фамилия, имя, отчество' },
  { code: 'birth-date', en: 'year, month and date of birth', ru: 'год, месяц, дата рождения' },
  { code: 'birth-place', en: 'place of birth', ru: 'место рождения' },
  { code: 'address', en: 'address', ru: 'адрес' },
  { code: 'family-status', en: 'family status', ru: 'семейное положение' },
  { code: 'education', en: 'education', ru: 'образование' },
  { code: 'profession', en: 'profession', ru: 'профессия' },
  { code: 'position', en: 'position held and place of work', ru: 'занимаемая должность и место работы' },
  { code: 'contacts', en: 'contact data (phone number, e-mail address)', ru: 'контактные данные (номер телефона, адрес электронной почты)' },
  { code: 'photo', en: 'photograph (image)', ru: 'фотографическое изображение' },
  { code: 'reviews', en: 'reviews and comments I write', ru: 'оставленные мной отзывы и комментарии' },
];

/** A category's code: lowercase letters, digits and dashes. */
export const CHOICE_CODE_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Prohibitions and conditions a consent to distribution may set (152-FZ art. 10.1, RKN Order No. 18
 * items 7–8): no transfer by the operator to an unlimited circle (other than giving access), no
 * processing by an unlimited circle (other than access), transfer only over the operator's internal
 * network to named employees.
 */
export const DISTRIBUTION_PROHIBITIONS = ['no-transfer', 'no-processing', 'internal-network-only'] as const;
export type DistributionProhibition = (typeof DISTRIBUTION_PROHIBITIONS)[number];

/** A category an agreement lists: a preset code, or the agreement's own code with its title. */
export interface DistributionCategory {
  code: string;
  title?: string | null;
}

/** What a consent to distribution states besides the common parts. */
export interface DistributionSettings {
  categories: DistributionCategory[];
  /** The web resources (http(s) URLs) where the data are published. */
  resources: string[];
  prohibitions?: DistributionProhibition[];
  /** Further conditions of processing, in the operator's words. */
  conditions?: string | null;
}

/** A category's title in a language: the preset's, else the agreement's own. */
export const categoryTitle = (c: DistributionCategory, lang: string): string => {
  const preset = DISTRIBUTION_CATEGORIES.find((p) => p.code === c.code);
  if (preset) return lang === 'ru' ? preset.ru : preset.en;
  return (c.title ?? '').trim() || c.code;
};

/**
 * What a person chose inside an accepted agreement, as the consent event records it (an optional proof
 * field): the channels ticked (in the order offered), or each category allowed (true) or prohibited.
 */
export interface Choices {
  channels?: AdChannel[];
  categories?: Record<string, boolean>;
}
