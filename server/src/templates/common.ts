/**
 * Pieces every standard template needs: the operator's name and requisites lines, purposes, data
 * categories, third parties, validity and the withdrawal channel, phrased in Russian or English.
 */
import type { Requisites } from '../../../shared/contracts/agreements';
import { clean, fields, strong, type FieldsBlock, type Inline } from './blocks';
import { purposeTitle } from './purposes';
import type { RenderContext } from './types';

export type Lang = 'ru' | 'en';

/**
 * Legal form and name as one string, without repeating the form when the name already holds it.
 * Forms of Russia, Belarus and Kazakhstan precede the name ("ООО «Ромашка»", "ТОО «Алма»"); elsewhere they
 * usually follow it ("Acme GmbH", "Acme Ltd").
 */
export const operatorName = (req: Requisites | null): string | null => {
  const name = clean(req?.name);
  const form = clean(req?.legalForm);
  if (!name) return form || null;
  if (!form || name.toLowerCase().includes(form.toLowerCase())) return name;
  return req?.country === 'OTHER' ? `${name} ${form}` : `${form} ${name}`;
};

const LABELS: Record<Lang, Record<string, string>> = {
  ru: {
    name: 'Наименование',
    inn: 'ИНН',
    ogrn: 'ОГРН',
    ogrnip: 'ОГРНИП',
    kpp: 'КПП',
    unp: 'УНП',
    bin: 'БИН/ИИН',
    legalAddress: 'Адрес места нахождения',
    postalAddress: 'Почтовый адрес',
    email: 'Электронная почта',
    phone: 'Телефон',
    website: 'Сайт',
  },
  en: {
    name: 'Name',
    inn: 'INN (taxpayer number)',
    ogrn: 'OGRN (registration number)',
    ogrnip: 'OGRNIP (registration number)',
    kpp: 'KPP',
    unp: 'UNP (payer number)',
    bin: 'BIN/IIN',
    legalAddress: 'Registered address',
    postalAddress: 'Postal address',
    email: 'E-mail',
    phone: 'Phone',
    website: 'Website',
  },
};

/**
 * The operator's requisites, one line per filled field (empty ones vanish when the block is pruned).
 * Every registration number that is filled is shown, whatever the template's country: a Belarusian company
 * using the Russian template still identifies itself by its UNP.
 */
export const requisitesBlock = (req: Requisites | null, lang: Lang): FieldsBlock => {
  const L = LABELS[lang];
  const ogrn = clean(req?.ogrn);
  return fields([
    { label: L.name, value: operatorName(req) },
    { label: L.inn, value: req?.inn },
    // 15 digits is an individual entrepreneur's OGRNIP; its name says what it is.
    { label: ogrn.length === 15 ? L.ogrnip : L.ogrn, value: ogrn },
    { label: L.kpp, value: req?.kpp },
    { label: L.unp, value: req?.unp },
    { label: L.bin, value: req?.bin },
    { label: L.legalAddress, value: req?.legalAddress },
    { label: L.postalAddress, value: req?.postalAddress },
    { label: L.email, value: req?.email },
    { label: L.phone, value: req?.phone },
    { label: L.website, value: req?.website },
  ]);
};

/**
 * "оператору <strong>Name</strong> (далее — Оператор)": the operator introduced once by name, then referred to
 * by its role. `noun` is how the sentence names it (dative in Russian). Without a name, a neutral reference.
 */
export const operatorRef = (ctx: RenderContext, lang: Lang, noun: string, role: string): Inline[] => {
  const name = operatorName(ctx.requisites);
  if (lang === 'ru') {
    return name ? [`${noun} `, strong(name), ` (далее — ${role})`] : [`${noun}, сведения о котором приведены ниже (далее — ${role}),`];
  }
  return name ? [`${noun} `, strong(name), ` (the "${role}")`] : [`${noun} identified below (the "${role}")`];
};

export const purposeItems = (ctx: RenderContext, lang: Lang): Inline[] => ctx.purposes.map((p) => purposeTitle(p, lang));

export const dataCategoryItems = (ctx: RenderContext): string[] => ctx.dataCategories.map(clean).filter(Boolean);

/** "Name, address — purpose" for each third party with a name. */
export const thirdPartyItems = (ctx: RenderContext, lang: Lang): Inline[][] =>
  ctx.thirdParties
    .filter((t) => clean(t.name))
    .map((t) => {
      const address = clean(t.address);
      const purpose = clean(t.purpose);
      const addr = address ? (lang === 'ru' ? `, адрес: ${address}` : `, ${address}`) : null;
      const why = purpose ? (lang === 'ru' ? ` (цель: ${purpose})` : ` (purpose: ${purpose})`) : null;
      return [strong(clean(t.name)), addr, why];
    });

/** Countries of cross-border transfer joined for a sentence, or "" when there are none. */
export const countriesText = (ctx: RenderContext): string => ctx.crossBorderCountries.map(clean).filter(Boolean).join(', ');

export type ContactKind = 'email' | 'url' | 'address' | 'other';

export interface WithdrawalChannel {
  value: string;
  kind: ContactKind;
}

const kindOf = (value: string): ContactKind => {
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'email';
  if (/^https?:\/\//i.test(value)) return 'url';
  // A phone number or a messenger handle: said as a contact, not as a postal address.
  if (/^\+?[\d\s().-]{6,}$/.test(value) || /^@\w+$/.test(value)) return 'other';
  return 'address';
};

/**
 * Where a person withdraws: the agreement's own withdrawal contact, else the operator's e-mail, else its
 * postal address, else its legal address. Null when none is known.
 */
export const withdrawalChannel = (ctx: RenderContext): WithdrawalChannel | null => {
  const req = ctx.requisites;
  const value = [ctx.withdrawalContact, req?.email, req?.postalAddress, req?.legalAddress].map(clean).find(Boolean);
  return value ? { value, kind: kindOf(value) } : null;
};

/** A postal address to offer besides an e-mail or web channel (a written request by post is always valid). */
const postalFallback = (ctx: RenderContext, channel: WithdrawalChannel | null): string | null => {
  if (!channel || channel.kind === 'address') return null;
  const addr = clean(ctx.requisites?.postalAddress) || clean(ctx.requisites?.legalAddress);
  return addr && addr !== channel.value ? addr : null;
};

/**
 * Where to send a request, as an adverbial phrase: "по адресу электронной почты x@y либо по почтовому
 * адресу ..." / "to x@y or by post to ...". Null when no channel is known.
 */
export const contactPhrase = (ctx: RenderContext, lang: Lang): Inline[] | null => {
  const ch = withdrawalChannel(ctx);
  if (!ch) return null;
  const post = postalFallback(ctx, ch);
  if (lang === 'ru') {
    const tail: Inline[] = post ? [' либо по почтовому адресу ', strong(post)] : [];
    const lead = { email: 'по адресу электронной почты ', url: 'через страницу ', other: 'по контакту ', address: 'по адресу ' }[ch.kind];
    return [lead, strong(ch.value), ...tail];
  }
  const tail: Inline[] = post ? [' or by post to ', strong(post)] : [];
  const lead = { email: 'by e-mail to ', url: 'through the page ', other: 'by contacting ', address: 'by post to ' }[ch.kind];
  return [lead, strong(ch.value), ...tail];
};

/**
 * How to withdraw, as the end of a sentence: "..., направив Оператору заявление об отзыве по адресу
 * электронной почты x@y". `who` names the operator in the dative ("Оператору") or in English ("us").
 */
export const withdrawalWay = (ctx: RenderContext, lang: Lang, who: string): Inline[] => {
  const where = contactPhrase(ctx, lang);
  if (lang === 'ru') return [`направив ${who} письменное заявление об отзыве`, ...(where ? [' ', ...where] : [])];
  return where ?? [`by writing to ${who}`];
};

/** The validity sentence: until withdrawn, or the given term (earlier withdrawal still ends it). */
export const validityText = (ctx: RenderContext, lang: Lang): Inline[] => {
  // A trailing full stop in the editor's term would double the sentence's own.
  const term = ctx.validity.kind === 'term' ? clean(ctx.validity.term).replace(/[.\s]+$/, '') : '';
  if (lang === 'ru') {
    return term
      ? ['Срок действия согласия: ', strong(term), '. Если согласие будет отозвано раньше, оно прекращает действие со дня отзыва.']
      : ['Согласие действует со дня его предоставления до дня его отзыва.'];
  }
  return term
    ? ['This consent is valid for the following term: ', strong(term), ', unless you withdraw it earlier.']
    : ['This consent is valid from the moment you give it until you withdraw it.'];
};
