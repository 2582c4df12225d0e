/** Standard agreement templates, the rendering engine, labels and purpose presets (pure, no Strapi). */

import { createHash } from 'node:crypto';
import type { Requisites, TemplateId } from '../../shared/contracts/agreements';
import {
  DEFAULT_FULL_TEXT_URL,
  KANTARA_PURPOSE_CATEGORIES,
  PURPOSE_PRESETS,
  TEMPLATES,
  findPurposePreset,
  getTemplate,
  getTemplateDefinition,
  purposeTitle,
  renderAgreement,
  renderLabel,
  withdrawalChannel,
  type RenderContext,
} from '../../server/src/templates';
import { htmlToText, sanitizeAgreementHtml } from '../../server/src/utils/sanitize';
import { captionsShown, fillFormFields, formCaptions, hasFormFieldsList } from '../../server/src/templates/form-fields';
import { RU_COMPANY } from '../helpers/fixtures';

// ---- requisites: full company records and minimal manual entries ----

/** The tests' Russian company, its name in quotes and with a postal address of its own (a P.O. box). */
const RU_FULL: Requisites = { ...RU_COMPANY, name: '«Ромашка»', postalAddress: '117997, г. Москва, а/я 15' };
/** An individual entrepreneur typed in by hand: INN, OGRNIP and an address only. */
const RU_MIN: Requisites = {
  name: 'Иванов Иван Иванович',
  legalForm: 'ИП',
  country: 'RU',
  inn: '500100732259',
  ogrn: '304500116000157',
  legalAddress: '141400, Московская обл., г. Химки, ул. Ленина, д. 1',
};
const BY_FULL: Requisites = {
  name: '«Василек»',
  legalForm: 'ООО',
  country: 'BY',
  unp: '191610487',
  legalAddress: '220030, г. Минск, ул. Ленина, д. 1',
  postalAddress: '220030, г. Минск, а/я 7',
  email: 'dpo@vasilek.example',
  phone: '+375 17 000-00-00',
  website: 'https://vasilek.example',
};
const BY_MIN: Requisites = { name: 'ЧУП «Лён»', country: 'BY', unp: '191610487', legalAddress: 'г. Минск, ул. Ленина, д. 2' };
const KZ_FULL: Requisites = {
  name: '«Алма»',
  legalForm: 'ТОО',
  country: 'KZ',
  bin: '040840001816',
  legalAddress: '050000, г. Алматы, пр. Абая, д. 1',
  email: 'pd@alma.example',
  phone: '+7 727 000-00-00',
};
const KZ_MIN: Requisites = { name: 'ТОО «Алма»', country: 'KZ', bin: '990140001233', legalAddress: 'г. Астана, ул. Кенесары, 1' };
const EU_FULL: Requisites = {
  name: 'Acme',
  legalForm: 'GmbH',
  country: 'OTHER',
  legalAddress: 'Hauptstraße 1, 10115 Berlin, Germany',
  postalAddress: 'Postfach 10, 10115 Berlin, Germany',
  email: 'privacy@acme.example',
  phone: '+49 30 000000',
  website: 'https://acme.example',
};
const EU_MIN: Requisites = { name: 'Acme GmbH', country: 'OTHER', legalAddress: 'Hauptstraße 1, 10115 Berlin, Germany' };

/** Everything filled: presets and a free purpose, listed data, a processor, a term, an explicit contact. */
const fullCtx = (template: TemplateId, requisites: Requisites): RenderContext => ({
  template,
  type: 'standard',
  requisites,
  purposes: [{ code: 'reply-to-requests', title: 'ignored for presets' }, { title: 'Участие в программе лояльности' }],
  dataCategories: ['фамилия, имя, отчество', 'номер телефона', 'адрес электронной почты'],
  thirdParties: [{ name: 'ООО «Курьер»', address: 'г. Москва, ул. Тверская, д. 2', purpose: 'доставка заказов' }],
  validity: { kind: 'term', term: '5 лет' },
  withdrawalContact: 'withdraw@operator.example',
  crossBorderCountries: [],
  publicSources: false,
  label: 'Я даю [согласие на обработку персональных данных]',
  customHtml: null,
  externalUrl: null,
});

/** The least an editor can enter: requisites typed by hand, one preset purpose, nothing else. */
const minimalCtx = (template: TemplateId, requisites: Requisites): RenderContext => ({
  template,
  type: 'standard',
  requisites,
  purposes: [{ code: 'service-provision', title: '' }],
  dataCategories: [],
  thirdParties: [],
  validity: { kind: 'until-withdrawn' },
  withdrawalContact: null,
  crossBorderCountries: [],
  publicSources: false,
  label: 'Согласие',
  customHtml: null,
  externalUrl: null,
});

const render = (ctx: RenderContext) => {
  const r = renderAgreement(ctx);
  if (r.html === null || r.text === null) throw new Error('a standard agreement always has a text');
  return { ...r, html: r.html, text: r.text };
};

const expectAll = (text: string, parts: string[]) => {
  for (const part of parts) expect(text).toContain(part);
};
const expectNone = (text: string, parts: string[]) => {
  for (const part of parts) expect(text).not.toContain(part);
};

/** Section headings of the rendered HTML, in order. */
const headings = (html: string) => [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);

/** Properties every standard rendering has, whatever the template and data. */
const expectWellFormed = (r: ReturnType<typeof render>) => {
  // The plain text says exactly what the HTML says.
  expect(htmlToText(r.html)).toBe(r.text);
  // The one attribute a rendering has: the fixed, valueless mark of the list of the form's fields
  // (templates/form-fields.ts), where an agreement lists no data categories. Without it:
  const html = r.html.replace(/<ul data-uc-form-fields>/g, '<ul>');
  // The HTML stays within the sanitiser's allowlist (quotes aside, which it leaves unescaped in text).
  expect(sanitizeAgreementHtml(html)).toBe(html.replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
  // No attributes at all, hence no way to carry a handler or a style.
  expect(html).not.toMatch(/<[a-z0-9]+\s+[^/>\s]/i);
  // Sections are numbered without gaps.
  headings(r.html).forEach((h, i) => expect(h.startsWith(`${i + 1}. `)).toBe(true));
  // No heading is left without content: every <h2> is followed by a block, not by another heading or the end.
  expect(r.html).not.toMatch(/<\/h2>\n?(<h2>|$)/);
  expect(r.text).not.toMatch(/\n{3,}/);
};

const RU_ACTIONS = [
  'сбор',
  'запись',
  'систематизация',
  'накопление',
  'хранение',
  'уточнение (обновление, изменение)',
  'извлечение',
  'использование',
  'передача (предоставление, доступ)',
  'блокирование',
  'удаление',
  'уничтожение',
];

describe('ru-personal-data (152-FZ art. 9)', () => {
  it('states every item of art. 9 p.4 with full company requisites', () => {
    const r = render(fullCtx('ru-personal-data', RU_FULL));
    expect(r.language).toBe('ru');
    expectAll(r.text, [
      'Согласие на обработку персональных данных',
      'статьей 9 Федерального закона от 27.07.2006 № 152-ФЗ',
      // art. 9 p.1: the qualities of consent
      'свободно, своей волей и в своем интересе',
      'конкретным, предметным, информированным, сознательным и однозначным',
      // operator: legal form + name, registration numbers, address
      'ООО «Ромашка» (далее — Оператор)',
      'Наименование: ООО «Ромашка»',
      'ИНН: 7707083893',
      'ОГРН: 1027700132195',
      'КПП: 773601001',
      'Адрес места нахождения: 117997, г. Москва, ул. Примерная, д. 1',
      'Почтовый адрес: 117997, г. Москва, а/я 15',
      'Электронная почта: privacy@romashka.example',
      'Телефон: +7 495 000-00-00',
      'Сайт: https://romashka.example',
      // purposes: the preset's Russian title and the free one
      'Цели обработки персональных данных',
      '- Ответы на мои обращения, вопросы и отзывы',
      '- Участие в программе лояльности',
      // list of data
      'Перечень персональных данных',
      '- фамилия, имя, отчество',
      '- номер телефона',
      '- адрес электронной почты',
      // actions and methods
      ...RU_ACTIONS,
      'с использованием средств автоматизации и без их использования',
      // processor
      'Лица, осуществляющие обработку по поручению Оператора',
      '- ООО «Курьер», адрес: г. Москва, ул. Тверская, д. 2 (цель: доставка заказов)',
      // term and withdrawal
      'Срок действия согласия: 5 лет.',
      'отозвать настоящее согласие, направив Оператору письменное заявление об отзыве по адресу электронной почты withdraw@operator.example',
      'либо по почтовому адресу 117997, г. Москва, а/я 15',
      'пунктах 2–11 части 1 статьи 6',
      // electronic form and the subject's details
      'Согласие дается в электронной форме',
    ]);
    expectNone(r.text, ['Трансграничная', 'реклам']);
    expect(r.html).toContain('<strong>ООО «Ромашка»</strong>');
    expectWellFormed(r);
  });

  it('states every item with minimal manual requisites of an individual entrepreneur', () => {
    const r = render(minimalCtx('ru-personal-data', RU_MIN));
    expectAll(r.text, [
      'ИП Иванов Иван Иванович (далее — Оператор)',
      'ИНН: 500100732259',
      // 15 digits: named OGRNIP, not OGRN
      'ОГРНИП: 304500116000157',
      'Адрес места нахождения: 141400, Московская обл., г. Химки, ул. Ленина, д. 1',
      '- Оказание услуг и исполнение заключенного со мной договора',
      // no data list: the form's fields
      'которые я указываю в полях формы, в которой дается настоящее согласие',
      '(перечень этих полей сохраняется вместе с записью о согласии)',
      ...RU_ACTIONS,
      'Согласие действует со дня его предоставления до дня его отзыва.',
      // no contact, no e-mail: the legal address
      'направив Оператору письменное заявление об отзыве по адресу 141400, Московская обл., г. Химки, ул. Ленина, д. 1',
    ]);
    // Empty blocks vanish entirely: no KPP line, no e-mail line, no processor or cross-border section.
    expectNone(r.text, ['КПП', 'Электронная почта', 'Почтовый адрес', 'Телефон', 'Сайт', 'Лица, осуществляющие обработку', 'Трансграничная', 'ОГРН:']);
    expect(headings(r.html)).toEqual([
      '1. Оператор',
      '2. Цели обработки персональных данных',
      '3. Перечень персональных данных',
      '4. Действия с персональными данными и способы обработки',
      '5. Срок действия и порядок отзыва согласия',
      '6. Права субъекта персональных данных',
    ]);
    expectWellFormed(r);
  });

  it('states cross-border transfer only when countries are given', () => {
    const r = render({ ...minimalCtx('ru-personal-data', RU_MIN), crossBorderCountries: ['Казахстан', ' Беларусь '] });
    expectAll(r.text, ['Трансграничная передача', 'следующих иностранных государств: Казахстан, Беларусь.']);
    expectWellFormed(r);
  });
});

describe('ru-advertising (38-FZ art. 18)', () => {
  it('is a separate consent to advertising with full requisites', () => {
    const r = render({ ...fullCtx('ru-advertising', RU_FULL), purposes: [{ code: 'newsletters-advertising', title: '' }] });
    expect(r.language).toBe('ru');
    expectAll(r.text, [
      'Согласие на получение рекламы',
      'частью 1 статьи 18 Федерального закона от 13.03.2006 № 38-ФЗ «О рекламе»',
      'предварительное согласие на получение рекламы по сетям электросвязи',
      'рекламораспространителя ООО «Ромашка» (далее — Оператор)',
      'отдельно от согласия на обработку персональных данных',
      'ИНН: 7707083893',
      'ОГРН: 1027700132195',
      'сообщения на адрес электронной почты',
      'SMS-сообщения',
      'телефонные звонки',
      '- номер телефона',
      '- Направление мне новостных рассылок, предложений и рекламы',
      'Лица, привлекаемые к рассылке',
      'Срок действия согласия: 5 лет.',
      'отказаться от получения рекламы, направив Оператору письменное заявление об отзыве по адресу электронной почты withdraw@operator.example',
      'немедленно прекращает направление мне рекламы',
    ]);
    // Not a PD consent: no list of processing actions.
    expectNone(r.text, ['систематизация', 'Перечень персональных данных']);
    expectWellFormed(r);
  });

  it('works with minimal manual requisites', () => {
    const r = render({ ...minimalCtx('ru-advertising', RU_MIN), purposes: [{ code: 'newsletters-advertising' , title: ''}] });
    expectAll(r.text, [
      'рекламораспространителя ИП Иванов Иван Иванович',
      'ИНН: 500100732259',
      'ОГРНИП: 304500116000157',
      'адрес электронной почты и (или) номер телефона, которые я указываю в полях формы',
      'Согласие действует со дня его предоставления до дня его отзыва.',
      'по адресу 141400, Московская обл., г. Химки, ул. Ленина, д. 1',
    ]);
    expectNone(r.text, ['КПП', 'Лица, привлекаемые к рассылке']);
    expectWellFormed(r);
  });
});

const BY_RIGHTS = [
  'отозвать свое согласие',
  'получать информацию, касающуюся обработки своих персональных данных',
  'получать информацию о предоставлении своих персональных данных третьим лицам, в том числе уполномоченным лицам',
  'требовать от Оператора внесения изменений в свои персональные данные',
  'требовать от Оператора бесплатного прекращения обработки своих персональных данных, включая их удаление',
];
const BY_APPLICATION = [
  'фамилию, собственное имя, отчество (если таковое имеется)',
  'адрес места жительства (места пребывания)',
  'дату рождения',
  'идентификационный номер',
  'если эти сведения указывались при даче согласия',
];

describe('by-personal-data (Law 99-Z)', () => {
  it('states rights, how to exercise them and consequences, with full requisites', () => {
    const r = render(fullCtx('by-personal-data', BY_FULL));
    expect(r.language).toBe('ru');
    expectAll(r.text, [
      'Законом Республики Беларусь от 07.05.2021 № 99-З «О защите персональных данных»',
      'свободно, однозначно и информированно',
      'ООО «Василек» (далее — Оператор)',
      'УНП: 191610487',
      'Адрес места нахождения: 220030, г. Минск, ул. Ленина, д. 1',
      '- Ответы на мои обращения, вопросы и отзывы',
      '- адрес электронной почты',
      'сбор, систематизация, хранение, изменение, использование, обезличивание, блокирование, предоставление, удаление',
      'Уполномоченные лица и получатели персональных данных',
      '- ООО «Курьер»',
      'Срок действия согласия: 5 лет.',
      'Права субъекта персональных данных',
      ...BY_RIGHTS,
      'Порядок реализации прав и отзыва согласия',
      ...BY_APPLICATION,
      'Заявление направляется Оператору по адресу электронной почты withdraw@operator.example либо по почтовому адресу 220030, г. Минск, а/я 7.',
      'Последствия дачи согласия и отказа в его даче',
      'Дав согласие, я разрешаю Оператору',
      'Я вправе не давать согласие. Отказ в даче согласия',
      'разъяснил мне мои права',
    ]);
    expectNone(r.text, ['ИНН', 'КПП']);
    expectWellFormed(r);
  });

  it('keeps rights, the application and consequences with minimal requisites', () => {
    const r = render(minimalCtx('by-personal-data', BY_MIN));
    expectAll(r.text, [
      'оператору ЧУП «Лён» (далее — Оператор)',
      'УНП: 191610487',
      'которые я указываю в полях формы',
      'Согласие действует со дня его предоставления до дня его отзыва.',
      ...BY_RIGHTS,
      ...BY_APPLICATION,
      'Заявление направляется Оператору по адресу г. Минск, ул. Ленина, д. 2.',
      'Последствия дачи согласия и отказа в его даче',
    ]);
    expectNone(r.text, ['Уполномоченные лица и получатели', 'Трансграничная', 'Электронная почта']);
    expectWellFormed(r);
  });

  it('warns about risks when data crosses the border', () => {
    const r = render({ ...minimalCtx('by-personal-data', BY_MIN), crossBorderCountries: ['Российская Федерация'] });
    expectAll(r.text, ['следующих иностранных государств: Российская Федерация.', 'я предупрежден(а) о рисках']);
  });
});

describe('kz-personal-data (Law 94-V art. 8)', () => {
  it('states the art. 8 p.4 items with full requisites, third parties, cross-border and publication', () => {
    const r = render({ ...fullCtx('kz-personal-data', KZ_FULL), crossBorderCountries: ['Российская Федерация'], publicSources: true });
    expect(r.language).toBe('ru');
    expectAll(r.text, [
      'статьей 8 Закона Республики Казахстан от 21 мая 2013 года № 94-V',
      'оператору ТОО «Алма» (далее — Оператор)',
      'БИН/ИИН: 040840001816',
      'Мои фамилия, имя, отчество (при наличии)',
      'Перечень собираемых персональных данных',
      '- номер телефона',
      '- Ответы на мои обращения, вопросы и отзывы',
      'Срок действия согласия: 5 лет.',
      'Передача персональных данных третьим лицам: осуществляется следующим лицам:',
      '- ООО «Курьер»',
      'Трансграничная передача персональных данных: осуществляется в следующие государства: Российская Федерация.',
      'Распространение персональных данных в общедоступных источниках: осуществляется.',
      'отозвать настоящее согласие, направив Оператору письменное заявление об отзыве по адресу электронной почты withdraw@operator.example',
      'неисполненного обязательства',
    ]);
    expectWellFormed(r);
  });

  it('says "no" to third parties, cross-border and publication rather than omitting them', () => {
    const r = render(minimalCtx('kz-personal-data', KZ_MIN));
    expectAll(r.text, [
      'оператору ТОО «Алма» (далее — Оператор)',
      'БИН/ИИН: 990140001233',
      'которые я указываю в полях формы',
      'Согласие действует со дня его предоставления до дня его отзыва.',
      'Передача персональных данных третьим лицам: не осуществляется.',
      'Трансграничная передача персональных данных: не осуществляется.',
      'Распространение персональных данных в общедоступных источниках: не осуществляется.',
      'по адресу г. Астана, ул. Кенесары, 1',
    ]);
    expectNone(r.text, ['ИНН:', 'УНП', 'Электронная почта']);
    expectWellFormed(r);
  });
});

describe('eu-gdpr', () => {
  it('states controller, purposes, data, recipients, retention, withdrawal and rights with full requisites', () => {
    const r = render({
      ...fullCtx('eu-gdpr', EU_FULL),
      purposes: [{ code: 'newsletters-advertising', title: '' }, { title: 'Loyalty programme' }],
      dataCategories: ['name', 'e-mail address'],
      thirdParties: [{ name: 'Mailer Ltd', address: '1 High St, Dublin, Ireland', purpose: 'sending e-mails' }],
      validity: { kind: 'term', term: '2 years.' },
      crossBorderCountries: ['United States'],
    });
    expect(r.language).toBe('en');
    expectAll(r.text, [
      'Consent to the processing of personal data',
      'Article 6(1)(a) of the General Data Protection Regulation',
      'the controller Acme GmbH (the "Controller")',
      'Name: Acme GmbH',
      'Registered address: Hauptstraße 1, 10115 Berlin, Germany',
      'E-mail: privacy@acme.example',
      '- Sending me newsletters, offers and advertising',
      '- Loyalty programme',
      '- name',
      '- e-mail address',
      'Recipients',
      '- Mailer Ltd, 1 High St, Dublin, Ireland (purpose: sending e-mails)',
      'transferred to the following countries: United States.',
      // the editor's trailing full stop is not doubled
      'valid for the following term: 2 years, unless you withdraw it earlier.',
      'withdraw your consent at any time, and withdrawing it is as easy as giving it',
      'by e-mail to withdraw@operator.example or by post to Postfach 10, 10115 Berlin, Germany',
      'Withdrawal does not affect the lawfulness of processing based on your consent before its withdrawal.',
      'to access your personal data',
      'rectified',
      'erased',
      'to restrict processing',
      'data portability',
      'to object to processing',
      'lodge a complaint with a supervisory authority',
    ]);
    expectWellFormed(r);
  });

  it('keeps the mandatory information with minimal requisites', () => {
    const r = render({ ...minimalCtx('eu-gdpr', EU_MIN), label: 'I agree' });
    expectAll(r.text, [
      'the controller Acme GmbH (the "Controller")',
      'Registered address: Hauptstraße 1, 10115 Berlin, Germany',
      '- Providing the services and performing the contract with me',
      'the personal data you enter in the fields of the form in which you give this consent',
      'valid from the moment you give it until you withdraw it',
      'as easy as giving it. You can withdraw it by post to Hauptstraße 1, 10115 Berlin, Germany.',
      'does not affect the lawfulness of processing',
      'lodge a complaint with a supervisory authority',
    ]);
    expectNone(r.text, ['Recipients', 'Transfers outside', 'E-mail:', 'Postal address']);
    expectWellFormed(r);
  });
});

describe('eu-gdpr: data protection officer and EU representative (GDPR art. 13(1)(b), 27)', () => {
  const WITH_BOTH: Requisites = {
    ...EU_FULL,
    name: 'Ромашка',
    legalForm: 'ООО',
    country: 'RU',
    dpoName: 'Anna Schmidt',
    dpoEmail: 'dpo@romashka.example',
    dpoPhone: '+49 30 111111',
    dpoAddress: 'Friedrichstraße 5, 10117 Berlin, Germany',
    euRepName: 'EU-Rep Services B.V.',
    euRepAddress: 'Keizersgracht 1, 1015 Amsterdam, Netherlands',
    euRepEmail: 'romashka@eurep.example',
  };

  it('names the officer and the representative after the controller, numbered with the other sections', () => {
    const r = render(fullCtx('eu-gdpr', WITH_BOTH));
    expectAll(r.text, [
      '2. Data protection officer',
      'The Controller has designated a data protection officer, whom you may contact',
      'Name: Anna Schmidt',
      'E-mail: dpo@romashka.example',
      'Phone: +49 30 111111',
      'Address: Friedrichstraße 5, 10117 Berlin, Germany',
      '3. Representative in the European Union',
      'has designated, under Article 27 GDPR, the following representative in the Union',
      'Name: EU-Rep Services B.V.',
      'Address: Keizersgracht 1, 1015 Amsterdam, Netherlands',
      'E-mail: romashka@eurep.example',
    ]);
    expect(headings(r.html).slice(0, 4)).toEqual(['1. Controller', '2. Data protection officer', '3. Representative in the European Union', '4. Purposes']);
    expectWellFormed(r);
  });

  it('names only what is filled: an officer with an e-mail only, no representative', () => {
    const r = render(fullCtx('eu-gdpr', { ...EU_FULL, dpoEmail: 'dpo@acme.example' }));
    expectAll(r.text, ['Data protection officer', 'E-mail: dpo@acme.example']);
    expectNone(r.text, ['Representative in the European Union', 'Article 27']);
  });

  it('without them, the text is the same as before they existed (byte for byte, so no new version)', () => {
    const before = renderAgreement(fullCtx('eu-gdpr', EU_FULL));
    const empty = { dpoName: null, dpoEmail: '', dpoPhone: '  ', dpoAddress: null, euRepName: null, euRepAddress: '', euRepEmail: null };
    expect(renderAgreement(fullCtx('eu-gdpr', { ...EU_FULL, ...empty }))).toEqual(before);
    expect(headings(before.html)[1]).toBe('2. Purposes');
    expectNone(before.text, ['Data protection officer', 'Representative in the European Union']);
  });

  it('the other templates do not name them', () => {
    const none = { dpoName: null, dpoEmail: null, dpoPhone: null, dpoAddress: null, euRepName: null, euRepAddress: null, euRepEmail: null };
    for (const id of ['ru-personal-data', 'ru-advertising', 'by-personal-data', 'kz-personal-data'] as TemplateId[]) {
      expect(renderAgreement(fullCtx(id, WITH_BOTH))).toEqual(renderAgreement(fullCtx(id, { ...WITH_BOTH, ...none })));
    }
  });
});

describe('empty blocks vanish', () => {
  const ALL: TemplateId[] = ['ru-personal-data', 'ru-advertising', 'by-personal-data', 'kz-personal-data', 'eu-gdpr'];

  it.each(ALL)('%s: no requisites at all still renders, without an operator section', (id) => {
    const r = render({ ...minimalCtx(id, RU_MIN), requisites: null });
    expect(r.text).not.toMatch(/Наименование|Name:/);
    expectWellFormed(r);
  });

  it.each(ALL)('%s: without purposes there is no purposes heading', (id) => {
    const r = render({ ...minimalCtx(id, RU_MIN), purposes: [] });
    expect(r.text).not.toMatch(/Цели обработки|Цели сбора|Purposes|Сообщения направляются в следующих целях/);
    expectWellFormed(r);
  });

  it('blank values count as empty: whitespace-only KPP, third party without a name, blank data categories', () => {
    const r = render({
      ...minimalCtx('ru-personal-data', { ...RU_MIN, kpp: '   ', email: '' }),
      thirdParties: [{ name: '  ', address: 'somewhere' }],
      dataCategories: ['  ', ''],
      crossBorderCountries: [' '],
    });
    expectNone(r.text, ['КПП', 'Электронная почта', 'Лица, осуществляющие', 'somewhere', 'Трансграничная']);
    expect(r.text).toContain('которые я указываю в полях формы');
    expectWellFormed(r);
  });
});

describe('the data list as shown: the captions of the form’s fields', () => {
  const ALL: TemplateId[] = ['ru-personal-data', 'ru-advertising', 'by-personal-data', 'kz-personal-data', 'eu-gdpr'];
  const fields = [
    { label: ' Имя ' },
    { label: 'Телефон <мобильный> & "рабочий"' },
  ];

  it.each(ALL)('%s: without categories its list is marked, and the captions fill it in the HTML and the text alike', (id) => {
    const r = render(minimalCtx(id, RU_FULL));
    expect(hasFormFieldsList(r.html)).toBe(true);
    expect(captionsShown(r.html, fields)).toEqual(['Имя', 'Телефон <мобильный> & "рабочий"']);
    const filled = fillFormFields(r, captionsShown(r.html, fields));
    expect(filled.html).toContain('<ul data-uc-form-fields><li>Имя</li><li>Телефон &lt;мобильный&gt; &amp; &quot;рабочий&quot;</li></ul>');
    expect(filled.text).toContain('\n- Имя\n- Телефон <мобильный> & "рабочий"\n');
    // The plain text still says what the HTML says; only the list changed.
    expect(htmlToText(filled.html)).toBe(filled.text);
    expect(filled.text.replace('- Имя\n- Телефон <мобильный> & "рабочий"', '')).toBe(r.text.replace(/\n- [^\n]*(указываю|you enter)[^\n]*/, '\n'));
  });

  it('with categories there is no mark, nothing is filled; no captions leave the general words', () => {
    const r = render({ ...minimalCtx('ru-personal-data', RU_FULL), dataCategories: ['имя'] });
    expect(hasFormFieldsList(r.html)).toBe(false);
    expect(captionsShown(r.html, fields)).toEqual([]);
    expect(fillFormFields(r, ['Имя'])).toEqual(r);
    const open = render(minimalCtx('ru-personal-data', RU_FULL));
    expect(fillFormFields(open, [])).toEqual(open);
    expect(formCaptions([{ label: '  ' }, { label: 'E-mail' }])).toEqual(['E-mail']);
  });
});

describe('withdrawal contact fallback', () => {
  const base = minimalCtx('ru-personal-data', RU_FULL);
  it('uses the explicit contact first', () => {
    expect(withdrawalChannel({ ...base, withdrawalContact: ' stop@x.example ' })).toEqual({ value: 'stop@x.example', kind: 'email' });
  });
  it('then the e-mail, then the postal address, then the legal address', () => {
    expect(withdrawalChannel(base)?.value).toBe('privacy@romashka.example');
    expect(withdrawalChannel({ ...base, requisites: { ...RU_FULL, email: null } })?.value).toBe('117997, г. Москва, а/я 15');
    expect(withdrawalChannel({ ...base, requisites: { ...RU_FULL, email: null, postalAddress: '' } })?.value).toBe(
      '117997, г. Москва, ул. Примерная, д. 1',
    );
    expect(withdrawalChannel({ ...base, requisites: null })).toBeNull();
  });
  it('phrases a web page as a page and still renders without any contact', () => {
    const page = render({ ...base, withdrawalContact: 'https://romashka.example/withdraw' });
    expect(page.text).toContain('через страницу https://romashka.example/withdraw');
    const none = render({ ...base, requisites: null });
    expect(none.text).toContain('направив Оператору письменное заявление об отзыве.');
  });
});

describe('escaping', () => {
  const EVIL = '<script>alert(1)</script>';
  const evilCtx = (id: TemplateId): RenderContext => ({
    ...fullCtx(id, { ...RU_FULL, name: EVIL, legalForm: '<b>', kpp: '"><img src=x onerror=alert(1)>', email: 'a@b.c"onmouseover=alert(1)' }),
    purposes: [{ title: EVIL }],
    dataCategories: [EVIL],
    thirdParties: [{ name: '<img src=x onerror=alert(1)>', address: EVIL, purpose: '&amp;' }],
    validity: { kind: 'term', term: EVIL },
    withdrawalContact: '<iframe src=javascript:alert(1)>',
    crossBorderCountries: [EVIL],
    label: `<script>x</script> [${EVIL}] "'&`,
  });

  it.each(['ru-personal-data', 'ru-advertising', 'by-personal-data', 'kz-personal-data', 'eu-gdpr'] as TemplateId[])(
    '%s escapes every inserted value',
    (id) => {
      const r = render(evilCtx(id));
      expect(r.html).not.toMatch(/<script|<img|<iframe|<b>/i);
      expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // An entity typed by the editor is shown as typed, not decoded.
      expect(r.html).toContain('&amp;amp;');
      // Plain text carries the values verbatim: it is never interpreted as HTML.
      expect(r.text).toContain(EVIL);
      expect(r.labelHtml).not.toMatch(/<script|<img/i);
      expect(r.labelHtml).toBe(
        '&lt;script&gt;x&lt;/script&gt; <a href="#uc-full-text" data-uc-full-text target="_blank" rel="noopener noreferrer">' +
          '&lt;script&gt;alert(1)&lt;/script&gt;</a> &quot;&#39;&amp;',
      );
      expectWellFormed(r);
    },
  );
});

describe('determinism', () => {
  it.each(['ru-personal-data', 'ru-advertising', 'by-personal-data', 'kz-personal-data', 'eu-gdpr'] as TemplateId[])(
    '%s renders byte-identical output for the same context',
    (id) => {
      const hash = (ctx: RenderContext) => createHash('sha256').update(JSON.stringify(renderAgreement(ctx))).digest('hex');
      const first = hash(fullCtx(id, RU_FULL));
      // Rendering something else in between changes nothing.
      renderAgreement(minimalCtx(id, BY_MIN));
      expect(hash(JSON.parse(JSON.stringify(fullCtx(id, RU_FULL))))).toBe(first);
      expect(renderAgreement(fullCtx(id, RU_FULL))).toEqual(renderAgreement(fullCtx(id, RU_FULL)));
    },
  );

  it('does not modify the context it is given', () => {
    const ctx = fullCtx('kz-personal-data', KZ_FULL);
    const copy = JSON.parse(JSON.stringify(ctx));
    renderAgreement(ctx);
    expect(ctx).toEqual(copy);
  });

  it('different data give different output', () => {
    const a = renderAgreement(fullCtx('ru-personal-data', RU_FULL));
    const b = renderAgreement(fullCtx('ru-personal-data', { ...RU_FULL, kpp: '773601002' }));
    expect(a.html).not.toBe(b.html);
  });
});

describe('label', () => {
  it('links the bracketed part to the full text shown next to the form by default', () => {
    const r = renderAgreement(fullCtx('ru-personal-data', RU_FULL));
    expect(r.label).toBe('Я даю согласие на обработку персональных данных');
    expect(r.labelHtml).toBe(
      'Я даю <a href="#uc-full-text" data-uc-full-text target="_blank" rel="noopener noreferrer">согласие на обработку персональных данных</a>',
    );
    expect(DEFAULT_FULL_TEXT_URL).toBe('#uc-full-text');
  });

  it('uses fullTextUrl when given', () => {
    const r = renderAgreement({ ...fullCtx('eu-gdpr', EU_FULL), label: 'I accept the [terms].', fullTextUrl: 'https://site.example/a?id=1&v=2' });
    expect(r.label).toBe('I accept the terms.');
    expect(r.labelHtml).toBe(
      'I accept the <a href="https://site.example/a?id=1&amp;v=2" data-uc-full-text target="_blank" rel="noopener noreferrer">terms</a>.',
    );
  });

  it('has no link without brackets, and only the first bracketed part links', () => {
    expect(renderLabel('Plain <label> & text', '#x')).toEqual({ label: 'Plain <label> & text', labelHtml: 'Plain &lt;label&gt; &amp; text' });
    const two = renderLabel('[first] and [second]', undefined);
    expect(two.label).toBe('first and [second]');
    expect(two.labelHtml).toBe(
      '<a href="#uc-full-text" data-uc-full-text target="_blank" rel="noopener noreferrer">first</a> and [second]',
    );
    expect(renderLabel('empty [] brackets', undefined)).toEqual({ label: 'empty  brackets', labelHtml: 'empty  brackets' });
  });

  it('never links to a script URL', () => {
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x']) {
      expect(renderLabel('[x]', url).labelHtml).toContain('href="#uc-full-text"');
    }
    expect(renderLabel('[x]', '/agreements/1').labelHtml).toContain('href="/agreements/1"');
  });
});

describe('custom agreements', () => {
  const custom = (over: Partial<RenderContext>): RenderContext => ({
    ...minimalCtx('ru-personal-data', RU_FULL),
    template: null,
    type: 'custom',
    label: 'I agree to the [privacy terms]',
    customHtml: '<h1>Terms</h1><p onclick="x()">Hello <a href="javascript:alert(1)">there</a></p><script>alert(1)</script><ul><li>one</li></ul>',
    ...over,
  });

  it('sanitises the HTML and derives the text from it', () => {
    const r = renderAgreement(custom({}));
    expect(r.html).toBe('<h1>Terms</h1><p>Hello <a>there</a></p><ul><li>one</li></ul>');
    expect(r.text).toBe('Terms\n\nHello there\n\n- one');
    expect(r.externalUrl).toBeNull();
    expect(r.language).toBe('en');
    expect(r.labelHtml).toContain('href="#uc-full-text"');
  });

  it('replaces the text by the external URL, which the label links to', () => {
    const r = renderAgreement(custom({ externalUrl: 'https://site.example/privacy' }));
    expect(r.html).toBeNull();
    expect(r.text).toBeNull();
    expect(r.externalUrl).toBe('https://site.example/privacy');
    expect(r.labelHtml).toBe(
      'I agree to the <a href="https://site.example/privacy" data-uc-full-text target="_blank" rel="noopener noreferrer">privacy terms</a>',
    );
  });

  it('takes its language from the context, the template or the script', () => {
    expect(renderAgreement(custom({ customHtml: '<p>Согласие</p>', label: 'Да' })).language).toBe('ru');
    expect(renderAgreement(custom({ template: 'eu-gdpr', customHtml: '<p>Согласие</p>' })).language).toBe('en');
    expect(renderAgreement(custom({ language: 'kk' })).language).toBe('kk');
  });

  it('accepts a missing text', () => {
    const r = renderAgreement(custom({ customHtml: null }));
    expect(r.html).toBe('');
    expect(r.text).toBe('');
  });
});

describe('templates registry', () => {
  it('offers the six templates with their law, language and a label with a link part', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['ru-personal-data', 'ru-advertising', 'ru-distribution', 'by-personal-data', 'kz-personal-data', 'eu-gdpr']);
    expect(TEMPLATES.map((t) => t.country)).toEqual(['RU', 'RU', 'RU', 'BY', 'KZ', 'EU']);
    expect(TEMPLATES.map((t) => t.language)).toEqual(['ru', 'ru', 'ru', 'ru', 'ru', 'en']);
    for (const t of TEMPLATES) {
      expect(t.law).toBeTruthy();
      expect(t.title).toBeTruthy();
      expect(t.defaultLabel).toMatch(/\[[^\]]+\]/);
      expect(t.defaultPurposes.length).toBeGreaterThan(0);
      for (const code of t.defaultPurposes) expect(findPurposePreset(code)).toBeDefined();
    }
  });

  it('finds templates by id', () => {
    expect(getTemplate('kz-personal-data')?.law).toContain('94-V');
    expect(getTemplateDefinition('eu-gdpr')?.info.language).toBe('en');
    expect(getTemplate('nope')).toBeUndefined();
    expect(getTemplate(null)).toBeUndefined();
  });

  it('refuses to render a standard agreement without a known template', () => {
    expect(() => renderAgreement({ ...minimalCtx('ru-personal-data', RU_MIN), template: null })).toThrow(/template/);
  });
});

describe('purpose presets', () => {
  const REQUIRED = [
    'service-provision',
    'reply-to-requests',
    'order-delivery',
    'newsletters-advertising',
    'analytics',
    'legal-obligations',
    'account-registration',
    'customer-support',
    'events-invitations',
    'hr-recruitment',
    'security-fraud-prevention',
  ];

  it('include every required purpose, each with titles, a Kantara category and a DPV purpose', () => {
    const codes = PURPOSE_PRESETS.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(REQUIRED));
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of PURPOSE_PRESETS) {
      expect(p.title.en).toMatch(/^[A-Z]/);
      expect(p.title.ru).toMatch(/^[А-Я]/);
      expect(KANTARA_PURPOSE_CATEGORIES as readonly string[]).toContain(p.kantaraCategory);
      expect(p.dpv).toMatch(/^dpv:[A-Z][A-Za-z]+$/);
    }
  });

  it('map to the expected categories', () => {
    expect(findPurposePreset('newsletters-advertising')).toMatchObject({ kantaraCategory: 'Marketing', dpv: 'dpv:DirectMarketing' });
    expect(findPurposePreset('reply-to-requests')).toMatchObject({ kantaraCategory: 'Contact Requested', dpv: 'dpv:CommunicationForCustomerCare' });
    expect(findPurposePreset('legal-obligations')).toMatchObject({ kantaraCategory: 'Legally Required Data Retention', dpv: 'dpv:LegalCompliance' });
    expect(findPurposePreset('security-fraud-prevention')?.dpv).toBe('dpv:FraudPreventionAndDetection');
    expect(findPurposePreset('unknown')).toBeUndefined();
    expect(findPurposePreset(null)).toBeUndefined();
  });

  it('give a preset title in the asked language, else the free title', () => {
    expect(purposeTitle({ code: 'analytics', title: 'whatever' }, 'ru')).toBe('Анализ использования сайта для улучшения его работы и качества услуг');
    expect(purposeTitle({ code: 'analytics', title: 'whatever' }, 'en')).toBe('Analysing how the site is used in order to improve it and the services');
    expect(purposeTitle({ code: 'gone', title: ' Free purpose ' }, 'en')).toBe('Free purpose');
    expect(purposeTitle({ title: 'Своя цель' }, 'ru')).toBe('Своя цель');
  });
});
