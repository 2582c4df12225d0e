/**
 * The standard templates in each of their languages (issue #16): every language's text states what the
 * context gives (requisites, purposes, data, third parties, channels, categories…), the English texts
 * are English and the Russian ones Russian, and the template's own-language text is byte for byte what
 * it was before the other languages were added (its hash is pinned: versions are hashed from it; the
 * sparse context's pins are those of the data list as shown, a marked list of the form's fields).
 */

import { createHash } from 'node:crypto';
import type { Requisites, TemplateId } from '../../shared/contracts/agreements';
import { categoryTitle, type DistributionCategory } from '../../shared/contracts/choices';
import { TEMPLATES, getTemplateDefinition, purposeTitle, renderAgreement, type RenderContext } from '../../server/src/templates';
import { documentHtml, documentText } from '../../server/src/templates/blocks';

/** Every requisite filled, the GDPR officer and representative too (only eu-gdpr prints those). */
const REQUISITES: Requisites = {
  name: '«Ромашка»',
  legalForm: 'ООО',
  country: 'RU',
  inn: '7707083893',
  ogrn: '1027700132195',
  kpp: '773601001',
  unp: '191610487',
  bin: '040840001816',
  legalAddress: '117312, г. Москва, ул. Вавилова, д. 19',
  postalAddress: '117997, г. Москва, а/я 15',
  email: 'pd@romashka.example',
  phone: '+7 495 000-00-00',
  website: 'https://romashka.example',
  dpoName: 'Анна Петрова',
  dpoEmail: 'dpo@romashka.example',
  dpoPhone: '+7 495 111-11-11',
  dpoAddress: '117997, г. Москва, а/я 16',
  euRepName: 'Rep Services Ltd',
  euRepAddress: '1 Main Street, Dublin, Ireland',
  euRepEmail: 'rep@rep.example',
};

const CATEGORIES: DistributionCategory[] = [{ code: 'full-name' }, { code: 'photo' }, { code: 'hobbies', title: 'мои увлечения' }];

/** Everything a template can print, filled. */
const fullCtx = (template: TemplateId): RenderContext => ({
  template,
  type: 'standard',
  requisites: REQUISITES,
  purposes: [{ code: 'reply-to-requests', title: '' }, { code: 'publication', title: '' }, { title: 'Участие в программе лояльности' }],
  dataCategories: ['фамилия, имя, отчество', 'номер телефона', 'адрес электронной почты'],
  thirdParties: [
    { name: 'ООО «Курьер»', address: 'г. Москва, ул. Тверская, д. 2', purpose: 'доставка заказов' },
    { name: 'Mailer Inc', address: '5 Market St, San Francisco', purpose: 'sending e-mail' },
  ],
  validity: { kind: 'term', term: '5 лет' },
  withdrawalContact: 'withdraw@romashka.example',
  crossBorderCountries: ['Германия', 'Kazakhstan'],
  publicSources: true,
  label: 'Я даю [согласие]',
  customHtml: null,
  externalUrl: null,
  channels: ['email', 'sms', 'phone', 'messengers', 'push'],
  distribution: {
    categories: CATEGORIES,
    resources: ['https://romashka.example/team', 'https://vk.com/romashka'],
    prohibitions: ['no-transfer', 'no-processing', 'internal-network-only'],
    conditions: 'только для сотрудников',
  },
});

/** The least: no categories listed (the form's fields are meant), no third parties, no contact of its own. */
const sparseCtx = (template: TemplateId): RenderContext => ({
  ...fullCtx(template),
  requisites: { name: 'Иванов Иван Иванович', legalForm: 'ИП', country: 'RU', inn: '500100732259', legalAddress: 'г. Химки, ул. Ленина, д. 1' },
  purposes: [{ code: 'service-provision', title: '' }],
  dataCategories: [],
  thirdParties: [],
  validity: { kind: 'until-withdrawn' },
  withdrawalContact: null,
  crossBorderCountries: [],
  publicSources: false,
  channels: undefined,
  distribution: { categories: [{ code: 'full-name' }], resources: ['https://site.example'] },
});

const rendered = (ctx: RenderContext, language?: string) => {
  const doc = getTemplateDefinition(ctx.template)!.render(ctx, language);
  return { html: documentHtml(doc), text: documentText(doc) };
};

const sha = (r: { html: string | null; text: string | null }) =>
  createHash('sha256').update(`${r.html}\u0000${r.text}`).digest('hex');

/**
 * The own-language texts' hashes, computed from the code before any other language existed (commit
 * 0964f8e). A change here changes the version hash of every agreement of that template: do not update
 * these values to make the test pass unless a new text is meant.
 */
const PINNED: Record<TemplateId, { full: string; sparse: string }> = {
  'ru-personal-data': {
    full: 'd66d13cdb3114bbdc93c1fa5eea3d63f202aa63e86c1df20eb4de9c58a744aba',
    sparse: '7482158dfd44847e9a83a59cf3f712709c1a9aafb16fcade179c6c30116f5543',
  },
  'ru-advertising': {
    full: 'fbe723ee996554ef00fdadf5d8dd6a50be76ea74c0d7a3ffbcb14727540280ae',
    sparse: '0ac3937fc919a97fa04f5993fa297ab4ec12067d1e8d30e4722e78410d658a4b',
  },
  'ru-distribution': {
    full: 'd010acd95a7183f9d710c8910ccedcaca624256c9f25cf88800502369680c6f0',
    sparse: 'c43701bc157193447b93bcaec2613820b4820baf647d340c85f513cb27710b77',
  },
  'by-personal-data': {
    full: '6caf62eb16425709069a4410fa9b41e3a03e40a9cd5f2b2c5e969716a55117c9',
    sparse: '18274ba94640b3ecc79c60fb091755fda15832debe8c0f63e4ef6b02e033de8c',
  },
  'kz-personal-data': {
    full: '885606254a7166c89723c9e30c1a99196910e4ac37b0e8f79eca99d2b7dc27c4',
    sparse: '6b1050a1d708d5193bf4883cdb27f7cf8263def0620820e246b87a098e24b52c',
  },
  'eu-gdpr': {
    full: '24489e10ab1cafee75bb6268a2d972b8271e9d1c70c1960aaa8fe2abdb0c2751',
    sparse: 'c5cf993c19fa80f0277260c7594e6549cd16d59e89b9fa9190402146d3ba18d1',
  },
};

const CYRILLIC = /[\u0400-\u04ff]/;

/** What the editor typed into the context (names, addresses, free purposes…): it may be in any script. */
const typedValues = (ctx: RenderContext): string[] =>
  [
    ...Object.values(ctx.requisites ?? {}),
    ...ctx.purposes.filter((p) => !p.code).map((p) => p.title),
    ...ctx.dataCategories,
    ...ctx.thirdParties.flatMap((t) => [t.name, t.address, t.purpose]),
    ...ctx.crossBorderCountries,
    ctx.validity.kind === 'term' ? ctx.validity.term : null,
    ctx.withdrawalContact,
    ...(ctx.distribution?.categories ?? []).map((c) => c.title),
    ...(ctx.distribution?.resources ?? []),
    ctx.distribution?.conditions,
  ].filter((v): v is string => typeof v === 'string' && v !== '');

/** The text with what the editor typed taken out: what remains is the template's own wording. */
const templateWording = (text: string, ctx: RenderContext) =>
  [...typedValues(ctx)].sort((a, b) => b.length - a.length).reduce((t, v) => t.split(v).join(' '), text);

/** How each advertising channel reads in the list of ways, per language. */
const CHANNEL_WORDS: Record<string, Record<string, string>> = {
  ru: {
    email: 'сообщения на адрес электронной почты',
    sms: 'SMS-сообщения на номер телефона',
    phone: 'телефонные звонки на номер телефона',
    messengers: 'сообщения в мессенджерах',
    push: 'push-уведомления',
  },
  en: {
    email: 'messages to the e-mail address',
    sms: 'SMS messages to the phone number',
    phone: 'phone calls to the phone number',
    messengers: 'messages in messengers',
    push: 'push notifications',
  },
};

const LANGUAGES: Record<TemplateId, string[]> = {
  'ru-personal-data': ['ru', 'en'],
  'ru-advertising': ['ru', 'en'],
  'ru-distribution': ['ru', 'en'],
  'by-personal-data': ['ru', 'en'],
  'kz-personal-data': ['ru', 'en'],
  'eu-gdpr': ['en', 'ru'],
};

const IDS = Object.keys(LANGUAGES) as TemplateId[];
const CASES = IDS.flatMap((id) => LANGUAGES[id].map((lang) => [id, lang] as const));

describe('standard templates in several languages', () => {
  it('each template lists its own language first, then the others it has a text in', () => {
    expect(Object.fromEntries(TEMPLATES.map((t) => [t.id, t.languages]))).toEqual(LANGUAGES);
    for (const t of TEMPLATES) expect(t.languages[0]).toBe(t.language);
  });

  it.each(IDS)('%s: the own-language text is byte for byte the one before other languages existed', (id) => {
    expect({ full: sha(rendered(fullCtx(id))), sparse: sha(rendered(sparseCtx(id))) }).toEqual(PINNED[id]);
    for (const ctx of [fullCtx(id), sparseCtx(id)]) {
      const own = rendered(ctx);
      // Asking for the own language, or for one the template lacks, gives the same bytes.
      expect(rendered(ctx, getTemplateDefinition(id)!.info.language)).toEqual(own);
      expect(rendered(ctx, 'xx')).toEqual(own);
      // What agreements are versioned from is that text.
      const r = renderAgreement(ctx);
      expect({ html: r.html, text: r.text }).toEqual(own);
    }
  });

  it.each(CASES)('%s in %s states every value of the context it prints', (id, lang) => {
    const ctx = fullCtx(id);
    const { html, text } = rendered(ctx, lang);
    for (const value of expectedValues(id, lang, ctx)) {
      expect({ value, inText: text.includes(value), inHtml: html.includes(value) }).toEqual({ value, inText: true, inHtml: true });
    }
  });

  it.each(CASES)('%s in %s has the same sections and list items as the own-language text', (id, lang) => {
    for (const ctx of [fullCtx(id), sparseCtx(id)]) {
      const own = rendered(ctx).html;
      const other = rendered(ctx, lang).html;
      const count = (html: string, tag: string) => html.split(`<${tag}>`).length - 1;
      expect([count(other, 'h2'), count(other, 'li')]).toEqual([count(own, 'h2'), count(own, 'li')]);
      expect(other.match(/<h2>(\d+)\./g)).toEqual(own.match(/<h2>(\d+)\./g));
    }
  });

  it.each(CASES)('%s in %s is written in that language, apart from what the editor typed', (id, lang) => {
    for (const ctx of [fullCtx(id), sparseCtx(id)]) {
      const { text } = rendered(ctx, lang);
      const wording = templateWording(text, ctx);
      if (lang === 'en') expect(wording.split('\n').filter((line) => CYRILLIC.test(line))).toEqual([]);
      else expect(wording).toMatch(/[а-яё]{4,}/);
    }
  });

  it.each(IDS)('%s: each language names the law the consent is given under', (id) => {
    const law: Record<TemplateId, RegExp> = {
      'ru-personal-data': /152/,
      'ru-advertising': /38/,
      'ru-distribution': /152.*10\.1|10\.1.*152/s,
      'by-personal-data': /99-[ZЗ]/,
      'kz-personal-data': /94-V/,
      'eu-gdpr': /2016\/679/,
    };
    for (const lang of LANGUAGES[id]) expect(rendered(fullCtx(id), lang).text).toMatch(law[id]);
  });

  it.each(IDS.filter((id) => LANGUAGES[id][0] === 'ru'))(
    '%s in English says it is given under the law it was written for and is not an official translation',
    (id) => {
      const { text } = rendered(fullCtx(id), 'en');
      expect(text).toMatch(/provided in English for my understanding/);
      expect(text).not.toMatch(/official translation/i);
      if (id.startsWith('ru-')) expect(text).toMatch(/under Russian law/);
    },
  );

  it.each(LANGUAGES['ru-advertising'])('ru-advertising in %s lists only the channels the agreement offers', (lang) => {
    const { text } = rendered({ ...fullCtx('ru-advertising'), channels: ['sms', 'push'] }, lang);
    const words = CHANNEL_WORDS[lang];
    expect([text.includes(words.sms), text.includes(words.push)]).toEqual([true, true]);
    expect([text.includes(words.email), text.includes(words.phone), text.includes(words.messengers)]).toEqual([false, false, false]);
  });

  it('the English data section, with no categories listed, points to the form as the Russian one does', () => {
    for (const id of IDS.filter((i) => i !== 'ru-distribution')) {
      const en = rendered(sparseCtx(id), 'en').text;
      const ru = rendered(sparseCtx(id), 'ru').text;
      expect(ru).toMatch(/перечень этих полей сохраняется вместе с записью о (вашем )?согласии\)\./);
      expect(en).toMatch(/\(the list of those fields is kept together with the record of (my|your|the) consent\)\./);
    }
  });
});

/** The values of `fullCtx` each template prints, as they read in `lang`. */
const expectedValues = (id: TemplateId, lang: string, ctx: RenderContext): string[] => {
  const r = REQUISITES;
  const values = [
    'ООО «Ромашка»',
    ...[r.inn, r.ogrn, r.kpp, r.unp, r.bin, r.legalAddress, r.postalAddress, r.email, r.phone, r.website].map(String),
    ...ctx.purposes.map((p) => purposeTitle(p, lang as 'ru' | 'en')),
    '5 лет',
    'withdraw@romashka.example',
  ];
  const data = ctx.dataCategories;
  const parties = ctx.thirdParties.flatMap((t) => [t.name, String(t.address), String(t.purpose)]);
  const countries = ctx.crossBorderCountries;
  switch (id) {
    case 'ru-advertising':
      return [...values, ...data, ...parties, ...Object.values(CHANNEL_WORDS[lang])];
    case 'ru-distribution':
      return [...values, ...CATEGORIES.map((c) => categoryTitle(c, lang)), ...ctx.distribution!.resources, 'только для сотрудников'];
    case 'eu-gdpr':
      return [
        ...values,
        ...data,
        ...parties,
        ...countries,
        ...[r.dpoName, r.dpoEmail, r.dpoPhone, r.dpoAddress, r.euRepName, r.euRepAddress, r.euRepEmail].map(String),
      ];
    default:
      return [...values, ...data, ...parties, ...countries];
  }
};
