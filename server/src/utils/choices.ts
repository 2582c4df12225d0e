/**
 * The choices a person makes inside an agreement (shared/contracts/choices.ts): what a version offers,
 * as the public form shows it, and the check of a decision's choices against it before a capture
 * stores them in the consent event (the optional proof field `choices`).
 */
import { errors } from '@strapi/utils';
import { AD_CHANNEL_TITLES, categoryTitle, isAdvertising, type AdChannel, type Choices } from '../../../shared/contracts/choices';
import type { VersionSnapshot } from '../types';

export interface OfferedChoices {
  channels?: { code: AdChannel; title: string }[];
  categories?: { code: string; title: string }[];
}

/** What a version lets the person choose, from its snapshot; `{}` when nothing. */
export const offeredChoices = (snapshot: VersionSnapshot | null | undefined, language: string | null | undefined): OfferedChoices => {
  const lang = language === 'ru' ? 'ru' : 'en';
  const out: OfferedChoices = {};
  const channels = snapshot && isAdvertising(snapshot) ? snapshot.channels ?? [] : [];
  if (channels.length) out.channels = channels.map((code) => ({ code, title: AD_CHANNEL_TITLES[code]?.[lang] ?? code }));
  const categories = snapshot?.distribution?.categories ?? [];
  if (categories.length) out.categories = categories.map((c) => ({ code: c.code, title: categoryTitle(c, lang) }));
  return out;
};

const refusal = (path: (string | number)[], code: string, message: string, params: Record<string, unknown>) =>
  new errors.ValidationError(`${path.join('.')}: ${message}`, {
    code,
    params,
    errors: [{ path: path.map(String), message, name: 'ValidationError', code, params }],
  });

/**
 * The choices of one decision, checked against what its version offers; what the event records (null:
 * nothing to record). A refused agreement records no choices and may send none. Accepting needs at
 * least one channel when channels are offered (ticking none is refusing), and a choice for every
 * category when categories are (silence is not consent to distribution, 152-FZ art. 10.1).
 */
export const decisionChoices = (
  d: { accepted: boolean; channels?: string[]; categories?: Record<string, boolean> },
  offered: OfferedChoices,
  index: number,
  agreement: number,
): Choices | null => {
  const at = (field: string, ...rest: (string | number)[]) => ['decisions', index, field, ...rest];
  const offeredChannels = (offered.channels ?? []).map((c) => c.code as string);
  const offeredCategories = (offered.categories ?? []).map((c) => c.code);
  const channels = d.channels ?? [];
  const categories = d.categories ?? {};
  channels.forEach((c, i) => {
    if (!offeredChannels.includes(c)) throw refusal(at('channels', i), 'channel-not-offered', `agreement ${agreement} does not offer the channel "${c}"`, { agreement, channel: c, offered: offeredChannels });
  });
  for (const code of Object.keys(categories)) {
    if (!offeredCategories.includes(code)) throw refusal(at('categories', code), 'category-unknown', `agreement ${agreement} lists no category "${code}"`, { agreement, category: code, offered: offeredCategories });
  }
  if (!d.accepted) {
    if (channels.length || Object.keys(categories).length) {
      throw refusal(at(channels.length ? 'channels' : 'categories'), 'choices-without-consent', `agreement ${agreement} is refused: send no choices with it`, { agreement });
    }
    return null;
  }
  if (offeredChannels.length && !channels.length) {
    throw refusal(at('channels'), 'channel-required', `agreement ${agreement} is accepted without a channel: tick at least one, or refuse it`, { agreement, offered: offeredChannels });
  }
  const missing = offeredCategories.find((code) => typeof categories[code] !== 'boolean');
  if (missing) throw refusal(at('categories', missing), 'category-choice-missing', `agreement ${agreement}: allow or prohibit the category "${missing}"`, { agreement, category: missing });
  if (offeredCategories.length && !offeredCategories.some((code) => categories[code])) {
    throw refusal(at('categories'), 'category-none-allowed', `agreement ${agreement} is accepted with every category prohibited: allow one, or refuse it`, { agreement });
  }
  const out: Choices = {};
  // In the order offered, so that the same choice always hashes the same.
  if (offeredChannels.length) out.channels = offeredChannels.filter((c) => channels.includes(c)) as AdChannel[];
  if (offeredCategories.length) out.categories = Object.fromEntries(offeredCategories.map((code) => [code, categories[code]]));
  return Object.keys(out).length ? out : null;
};
