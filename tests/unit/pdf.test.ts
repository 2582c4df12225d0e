import { renderErasureActPdf, renderSubjectExportPdf } from '../../server/src/documents/pdf';
import { renderConsentProofPdf } from '../../server/src/documents/proof';
import type { ConsentProofData } from '../../shared/contracts/log';
import { ACTION_LABELS, CATEGORY_LABELS, KIND_LABELS, REASON_LABELS } from '../../server/src/documents/labels';
import {
  ERASURE_KINDS,
  ERASURE_REASONS,
  PERSONAL_CATEGORIES,
  type ErasureAct,
  type SubjectExport,
} from '../../shared/contracts/personal';
import { expectValidPdf, pageCount, parsePdf, squash, type ParsedPdf } from '../helpers/pdf';

const CYRILLIC = /[а-яё]/i;

/** The page text without the page footers, which are drawn last on each page and so cut a long text. */
const withoutFooters = (parsed: ParsedPdf) => squash(parsed.lines.filter((l) => !/ · (стр\.|page) \d+ (из|of) \d+$/.test(l)).join(''));

const operator = {
  name: 'ООО «Ромашка»',
  inn: '7707083893',
  ogrn: '1027700132195',
  address: '125009, г. Москва, ул. Тверская, д. 7, офис 15',
};

const act: ErasureAct = {
  id: 12,
  kind: 'email',
  reason: 'withdrawal',
  note: null,
  events: 3,
  subjects: 2,
  categories: [...PERSONAL_CATEGORIES],
  forms: ['contact', 'newsletter'],
  operators: [operator],
  admin: { id: 4, name: 'Петрова Анна Сергеевна', email: 'a.petrova@romashka.ru' },
  erasedAt: '2026-11-30T14:05:33.000Z',
  seq: '1043',
};

const CLAUSES = [
  'Я, действуя свободно, своей волей и в своём интересе, даю согласие ООО «Ромашка» на обработку моих персональных данных.',
  'Перечень персональных данных: фамилия, имя, отчество, адрес электронной почты, номер телефона, сведения, указанные мной в сообщении.',
  'Цель обработки: ответ на обращение, направленное через форму обратной связи на сайте romashka.ru, и связь со мной по этому обращению.',
  'Действия с персональными данными: сбор, запись, систематизация, накопление, хранение, уточнение, извлечение, использование, удаление, уничтожение.',
  'Обработка осуществляется с использованием средств автоматизации и без их использования; передача третьим лицам не осуществляется.',
  'Персональные данные обрабатываются до достижения цели обработки, но не дольше трёх лет с даты получения настоящего согласия.',
];
const FINAL_CLAUSE = 'Согласие может быть отозвано письмом по адресу privacy@romashka.ru или через форму отзыва на сайте.';
const AGREEMENT_TEXT = [
  ...Array.from({ length: 48 }, (_, i) => `${i + 1}. ${CLAUSES[i % CLAUSES.length]}`),
  `49. ${FINAL_CLAUSE}`,
].join('\r\n');

const PD = 'Согласие на обработку персональных данных';
const NEWS = 'Согласие на получение рекламной рассылки';
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PAGE_URL = 'https://romashka.ru/kontakty?utm_source=yandex&utm_medium=cpc&utm_campaign=osen-2026';

const report: SubjectExport = {
  generatedAt: '2026-12-01T09:30:00.000Z',
  identifier: { kind: 'email', value: 'ivan.ivanov@example.ru' },
  operators: [operator],
  current: [
    { agreement: 3, agreementName: PD, state: 'withdrawn', since: '2026-11-20T10:00:00.000Z' },
    { agreement: 4, agreementName: NEWS, state: 'refused', since: '2026-10-01T08:00:12.000Z' },
    // The states a consent can be in besides the actions: a newer version requires renewal; the term ended.
    { agreement: 5, agreementName: 'Loyalty programme', state: 'outdated', since: '2026-09-01T08:00:00.000Z' },
    { agreement: 6, agreementName: 'Terms of sale', state: 'expired', since: '2026-11-01T00:00:00.000Z' },
  ],
  events: [
    {
      id: 101,
      seq: '1001',
      recordedAt: '2026-10-01T08:00:12.000Z',
      action: 'given',
      state: 'withdrawn',
      expiresAt: null,
      collectedAt: null,
      agreementId: 3,
      agreementName: PD,
      versionId: 7,
      versionNumber: 2,
      formKey: 'contact',
      pageUrl: PAGE_URL,
      channel: 'web',
      receiptId: '6f1c2d3e-41a7-4a2b-9c3d-0123456789ab',
      ip: '203.0.113.0',
      userAgent: USER_AGENT,
      subject: { email: 'ivan.ivanov@example.ru', name: 'Иванов Иван Иванович', phone: '+79161234567' },
      data: { message: 'Здравствуйте! Прошу перезвонить мне по поводу доставки заказа № 5521.' },
      erased: false,
    },
    {
      id: 102,
      seq: '1002',
      recordedAt: '2026-10-01T08:00:12.000Z',
      action: 'refused',
      state: 'refused',
      expiresAt: null,
      collectedAt: null,
      agreementId: 4,
      agreementName: NEWS,
      versionId: 9,
      versionNumber: 1,
      formKey: 'contact',
      pageUrl: PAGE_URL,
      channel: 'web',
      receiptId: '0b2e8f7a-5c4d-4e3f-8a1b-9c8d7e6f5a4b',
      ip: '203.0.113.0',
      userAgent: USER_AGENT,
      subject: { email: 'ivan.ivanov@example.ru' },
      data: null,
      erased: false,
    },
    {
      id: 140,
      seq: '1020',
      recordedAt: '2026-11-20T10:00:00.000Z',
      action: 'withdrawn',
      state: null,
      expiresAt: null,
      collectedAt: null,
      agreementId: 3,
      agreementName: PD,
      versionId: 7,
      versionNumber: 2,
      formKey: 'contact',
      pageUrl: null,
      channel: 'admin',
      receiptId: '9a8b7c6d-5e4f-4a2b-9c3d-0123456789ab',
      ip: null,
      userAgent: null,
      subject: null,
      data: null,
      erased: true,
    },
    {
      id: 163,
      seq: '1043',
      recordedAt: '2026-11-30T14:05:33.000Z',
      action: 'erased',
      state: null,
      expiresAt: null,
      collectedAt: null,
      agreementId: null,
      agreementName: null,
      versionId: null,
      versionNumber: null,
      formKey: null,
      pageUrl: null,
      channel: 'admin',
      receiptId: null,
      ip: null,
      userAgent: null,
      subject: null,
      data: null,
      erased: false,
    },
  ],
  texts: [
    { versionId: 7, agreementName: PD, number: 2, language: 'ru', hash: 'c'.repeat(32) + '0123456789abcdef'.repeat(2), text: AGREEMENT_TEXT },
    {
      versionId: 9,
      agreementName: NEWS,
      number: 1,
      language: 'ru',
      hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      text: 'Я согласен получать рекламные и информационные рассылки ООО «Ромашка» по электронной почте.',
    },
  ],
};

describe('labels', () => {
  it.each(['ru', 'en'] as const)('names every code in %s, in that language', (lang) => {
    const tables = [
      [CATEGORY_LABELS[lang], PERSONAL_CATEGORIES],
      [REASON_LABELS[lang], ERASURE_REASONS],
      [KIND_LABELS[lang], ERASURE_KINDS],
      [ACTION_LABELS[lang], ['given', 'refused', 'withdrawn', 'erased', 'expired', 'outdated', 'requested', 'confirmed', 'pending']],
    ] as const;
    for (const [table, codes] of tables) {
      expect(Object.keys(table).sort()).toEqual([...codes].sort());
      const labels = codes.map((c) => (table as Record<string, string>)[c]);
      expect(new Set(labels).size).toBe(codes.length);
      for (const label of labels) {
        expect(label.trim().length).toBeGreaterThan(1);
        if (lang === 'ru') expect(label).toMatch(CYRILLIC);
        else expect(label).not.toMatch(CYRILLIC);
      }
    }
  });
});

describe('act of destruction of personal data', () => {
  let ru: ParsedPdf;
  let en: ParsedPdf;
  beforeAll(async () => {
    ru = parsePdf(await renderErasureActPdf(act, 'ru', { compress: false }));
    en = parsePdf(await renderErasureActPdf(act, 'en', { compress: false }));
  });

  it('is a valid one-page PDF, compressed by default, in both languages', async () => {
    for (const lang of ['ru', 'en'] as const) {
      const pdf = await renderErasureActPdf(act, lang);
      expectValidPdf(pdf);
      expect(pageCount(pdf)).toBe(1);
      const plain = await renderErasureActPdf(act, lang, { compress: false });
      expectValidPdf(plain);
      expect(pdf.length).toBeLessThan(plain.length);
    }
  });

  it('embeds DejaVu Sans with a ToUnicode map and no standard font', () => {
    expect(ru.fonts).toHaveLength(2);
    expect(ru.fonts.some((f) => /^[A-Z]{6}\+DejaVuSans$/.test(f))).toBe(true);
    expect(ru.fonts.some((f) => /^[A-Z]{6}\+DejaVuSans-Bold$/.test(f))).toBe(true);
    expect(ru.flat).not.toContain('\ufffd');
  });

  it('holds what Order No. 179 asks of an act, in Russian', () => {
    const t = ru.flat;
    expect(t).toContain('Акт об уничтожении персональных данных № 12');
    expect(t).toContain('приказом Роскомнадзора от 28.10.2022 № 179');
    expect(t).toContain('ООО «Ромашка», адрес: 125009, г. Москва, ул. Тверская, д. 7, офис 15, ИНН 7707083893, ОГРН 1027700132195');
    expect(t).toContain('Петрова Анна Сергеевна, a.petrova@romashka.ru');
    expect(t).toContain('лица, заполнившие веб-формы или давшие согласия');
    expect(t).toContain('Количество субъектов 2');
    expect(t).toContain('Субъекты определены по адресу электронной почты');
    for (const c of PERSONAL_CATEGORIES) expect(t).toContain(`• ${CATEGORY_LABELS.ru[c]}`);
    expect(t).toContain('IP-адрес');
    expect(t).toContain('веб-формы: contact, newsletter');
    expect(t).toContain('Способ уничтожения удаление из базы данных информационной системы с перезаписью освобождённого места хранения');
    expect(t).toContain('Причина уничтожения отзыв субъектом персональных данных согласия на их обработку (ч. 5 ст. 21');
    expect(t).toContain('Дата уничтожения 30.11.2026 14:05 UTC');
    expect(t).toContain('Количество записей о согласиях, затронутых уничтожением 3');
    expect(t).toContain('(порядковый номер) № 1043');
    expect(t).toContain('Ответственное лицо / Петрова Анна Сергеевна / (подпись)');
    expect(t).toContain('стр. 1 из 1');
  });

  it('holds the same in English, with no Russian but the data itself', () => {
    const t = en.flat;
    expect(t).toContain('Act of destruction of personal data No. 12');
    expect(t).toContain('Roskomnadzor Order No. 179 of 28 October 2022');
    expect(t).toContain('INN 7707083893, OGRN 1027700132195');
    expect(t).toContain('Number of data subjects 2');
    for (const c of PERSONAL_CATEGORIES) expect(t).toContain(`• ${CATEGORY_LABELS.en[c]}`);
    expect(t).toContain('deletion from the database of the information system, with the freed storage overwritten');
    expect(t).toContain('withdrawal of consent to the processing by the data subject');
    expect(t).toContain('Date of destruction 30 Nov 2026 14:05 UTC');
    expect(t).toContain('Number of consent records concerned 3');
    expect(t).toContain('(sequence number) No. 1043');
    expect(t).toContain('Responsible person / Петрова Анна Сергеевна / (signature)');
    let rest = squash(t);
    for (const data of [operator.name, operator.address, act.admin!.name!]) rest = rest.split(squash(data)).join('');
    expect(rest).not.toMatch(CYRILLIC);
  });

  it.each(ERASURE_REASONS)('states the reason %s', async (reason) => {
    const note = reason === 'other' ? 'Ошибочно собранные данные тестовой формы' : 'Обращение № 77 от 25.11.2026';
    const { flat } = parsePdf(await renderErasureActPdf({ ...act, reason, note }, 'ru', { compress: false }));
    expect(flat).toContain(`Причина уничтожения ${REASON_LABELS.ru[reason]}`);
    if (reason === 'other') expect(flat).toContain(`иная причина: ${note}`);
    else expect(flat).toContain(`Примечание ${note}`);
    if (reason === 'retention') expect(flat).toContain('ч. 4 ст. 21, ч. 7 ст. 5');
  });

  it.each(ERASURE_KINDS)('states how the persons were found: %s', async (kind) => {
    const { flat } = parsePdf(await renderErasureActPdf({ ...act, kind }, 'en', { compress: false }));
    expect(flat).toContain(`Data subjects identified ${KIND_LABELS.en[kind]}`);
  });

  it('says so when no person is recorded as having destroyed the data', async () => {
    const { flat } = parsePdf(await renderErasureActPdf({ ...act, admin: null, seq: null }, 'ru', { compress: false }));
    expect(flat).toContain('(ФИО, должность) не указано');
    expect(flat).toContain('(порядковый номер) —');
  });

  it('carries the act in its document information, dated by the erasure, so the same act renders the same file', async () => {
    expect(ru.info).toMatchObject({
      Title: 'Акт об уничтожении персональных данных № 12',
      Author: 'ООО «Ромашка»',
      Creator: 'strapi-plugin-user-consent',
      CreationDate: 'D:20261130140533Z',
    });
    expect(ru.lang).toBe('ru');
    expect(en.info.Title).toBe('Act of destruction of personal data No. 12');
    expect(en.lang).toBe('en');
    const [a, b] = await Promise.all([renderErasureActPdf(act, 'ru'), renderErasureActPdf(act, 'ru')]);
    expect(a.equals(b)).toBe(true);
  });
});

describe('report for a data subject access request', () => {
  let ru: ParsedPdf;
  let en: ParsedPdf;
  beforeAll(async () => {
    ru = parsePdf(await renderSubjectExportPdf(report, 'ru', { compress: false }));
    en = parsePdf(await renderSubjectExportPdf(report, 'en', { compress: false }));
  });

  it('is a valid PDF of several pages, each numbered out of the total', async () => {
    expect(ru.fonts.map((f) => f.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    for (const [lang, parsed, page] of [
      ['ru', ru, 'стр.'],
      ['en', en, 'page'],
    ] as const) {
      const pdf = await renderSubjectExportPdf(report, lang);
      expectValidPdf(pdf);
      const pages = pageCount(pdf);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(parsed.pages).toBe(pages);
      const of = lang === 'ru' ? 'из' : 'of';
      for (let i = 1; i <= pages; i++) expect(parsed.flat).toContain(`${page} ${i} ${of} ${pages}`);
      expect(parsed.flat).not.toContain(`${of} ${pages + 1}`);
    }
  });

  it('fits on one page when nothing is held', async () => {
    const empty: SubjectExport = { ...report, events: [], current: [], texts: [] };
    const pdf = await renderSubjectExportPdf(empty, 'ru', { compress: false });
    expectValidPdf(pdf);
    const { pages, flat } = parsePdf(pdf);
    expect(pages).toBe(1);
    expect(flat).toContain('Записи о согласиях (0) Сведений не найдено.');
  });

  it('shows the identifier, the operator and the current state, in Russian', () => {
    const t = ru.flat;
    expect(t).toContain('Сведения о персональных данных субъекта');
    expect(t).toContain('ст. 14 Федерального закона от 27.07.2006 № 152-ФЗ');
    expect(t).toContain('ст. 15 Регламента (ЕС) 2016/679');
    expect(t).toContain('Адрес электронной почты ivan.ivanov@example.ru');
    expect(t).toContain('Сведения сформированы 01.12.2026 09:30 UTC');
    expect(t).toContain('ООО «Ромашка», адрес: 125009, г. Москва');
    expect(t).toContain(`${PD} согласие отозвано 20.11.2026 10:00 UTC`);
    expect(t).toContain(`${NEWS} в согласии отказано 01.10.2026 08:00 UTC`);
    expect(t).toContain('Loyalty programme требуется новое согласие (текст изменён) 01.09.2026 08:00 UTC');
    expect(t).toContain('Terms of sale срок действия согласия истёк 01.11.2026 00:00 UTC');
    expect(ru.info).toMatchObject({ Title: 'Сведения о персональных данных субъекта', Author: 'ООО «Ромашка»', CreationDate: 'D:20261201093000Z' });
    expect(JSON.stringify(ru.info)).not.toContain('ivan.ivanov');
  });

  it('lists every event with all its fields', () => {
    const t = ru.flat;
    expect(t).toContain('Запись № 1001 — Согласие дано');
    expect(t).toContain('Время 01.10.2026 08:00:12 UTC');
    expect(t).toContain(`Соглашение ${PD} Версия 2 Веб-форма contact`);
    expect(squash(t)).toContain(squash(`Адрес страницы ${PAGE_URL}`));
    expect(t).toContain('Канал веб-форма');
    expect(t).toContain('Номер квитанции 6f1c2d3e-41a7-4a2b-9c3d-0123456789ab');
    expect(t).toContain('IP-адрес 203.0.113.0');
    expect(squash(t)).toContain(squash(`Браузер и устройство (User-Agent) ${USER_AGENT}`));
    expect(t).toContain('Адрес электронной почты: ivan.ivanov@example.ru Фамилия, имя, отчество: Иванов Иван Иванович Номер телефона: +79161234567');
    expect(t).toContain('Введённые в форму сведения Message: Здравствуйте! Прошу перезвонить мне по поводу доставки заказа № 5521.');
    expect(t).toContain('Запись № 1002 — В согласии отказано');
    expect(t).toContain('Запись № 1020 — Согласие отозвано Персональные данные этой записи уничтожены');
    expect(t).toContain('Канал внесено администратором');
    expect(t).toContain('Запись № 1043 — Персональные данные уничтожены');
    // Every action and state of the report's events (it has no double opt-in events).
    for (const [code, label] of Object.entries(ACTION_LABELS.ru)) if (!['requested', 'confirmed', 'pending'].includes(code)) expect(t).toContain(label);
  });

  it('ends with the full text of every version agreed to or refused, across pages', () => {
    const t = ru.flat;
    expect(t).toContain(`${PD}, версия 2 (язык: ru)`);
    expect(t).toContain(`${NEWS}, версия 1 (язык: ru)`);
    expect(squash(t)).toContain(squash(`Контрольная сумма текста (SHA-256): ${report.texts[1].hash}`));
    const body = withoutFooters(ru);
    expect(body).toContain(squash(AGREEMENT_TEXT));
    expect(body).toContain(squash(`49. ${FINAL_CLAUSE}`));
    expect(body).toContain(squash(report.texts[1].text));
    // Windows line ends are paragraph breaks, not boxes.
    expect(t).not.toContain('\ufffd');
  });

  it('says the same in English, with no Russian but the data itself', () => {
    const t = en.flat;
    expect(t).toContain('Personal data held about a data subject');
    expect(t).toContain('GDPR, art. 15');
    expect(t).toContain('E-mail address ivan.ivanov@example.ru');
    expect(t).toContain('Generated 1 Dec 2026 09:30 UTC');
    expect(t).toContain(`${PD} consent withdrawn 20 Nov 2026 10:00 UTC`);
    expect(t).toContain('Record No. 1001 — Consent given');
    expect(t).toContain('Time 1 Oct 2026 08:00:12 UTC');
    expect(t).toContain('IP address 203.0.113.0');
    expect(t).toContain('Full name: Иванов Иван Иванович');
    expect(t).toContain('The personal data of this record was erased');
    expect(t).toContain(`${PD}, version 2 (language: ru)`);
    for (const [code, label] of Object.entries(ACTION_LABELS.en)) if (!['requested', 'confirmed', 'pending'].includes(code)) expect(t).toContain(label);
    let rest = withoutFooters(en);
    const data = [
      operator.name,
      operator.address,
      PD,
      NEWS,
      'Иванов Иван Иванович',
      report.events[0].data!.message,
      ...report.texts.map((v) => v.text),
    ];
    // Longest first: the operator's name also occurs inside the agreement texts.
    for (const d of data.sort((a, b) => b.length - a.length)) rest = rest.split(squash(d)).join('');
    expect(rest).not.toMatch(CYRILLIC);
  });
});

describe('proof of consent', () => {
  const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'k-2026', typ: 'uc-receipt+jws' })).toString('base64url');
  const jwsSignature = 'A'.repeat(43) + 'Q'.repeat(43);
  const proof: ConsentProofData = {
    generatedAt: '2026-12-01T09:30:00.000Z',
    personalData: true,
    event: { id: 41, seq: '1001', action: 'given', state: 'withdrawn', recordedAt: '2026-10-01T08:00:12.000Z', collectedAt: null, expiresAt: null, channel: 'web', receiptId: '3f2c1b0a-9d8e-4f7a-8b6c-5d4e3f2a1b0c' },
    who: { status: 'shown', subject: { email: 'ivan.ivanov@example.ru', name: 'Иванов Иван Иванович' }, ip: '203.0.113.0', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0', pageQuery: '?utm_source=mail', data: { message: 'Перезвоните после обеда', count: 2 } },
    where: { formKey: 'contact', formName: 'Обратная связь', pageUrl: 'https://romashka.example/contacts' },
    how: { behaviour: 'required-read', prechecked: false, fullTextOpened: true },
    agreement: { id: 3, name: PD },
    version: { id: 7, number: 2, language: 'ru', label: 'Я даю согласие на обработку персональных данных', text: AGREEMENT_TEXT, externalUrl: null, hash: 'c'.repeat(64), hashValid: true },
    chain: { seq: '1001', hash: 'a'.repeat(64), prevHash: 'b'.repeat(64), ownHashValid: true, linksToPrevious: true, previousId: 40, nextId: 42, linkedFromNext: true },
    personalRecord: 'matches',
    receipt: { version: 'KI-CR-v1.1.0', consentReceiptID: '3f2c1b0a-9d8e-4f7a-8b6c-5d4e3f2a1b0c', principal: { id: 'ivan.ivanov@example.ru', name: 'Иванов Иван Иванович' } },
    signature: { alg: 'EdDSA', kid: 'k-2026', jws: `${header}.eyJwYXlsb2FkIjp0cnVlfQ.${jwsSignature}` },
    signatureDetached: false,
    withdrawals: [{ seq: '1044', recordedAt: '2026-11-20T10:00:00.000Z', channel: 'self-service', receiptId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716' }],
    withdraws: null,
    operators: [{ name: operator.name, address: operator.address }],
  };

  it('tells who, when, where, how, the text, the chain check, the receipt, its signature and the withdrawal, in Russian', async () => {
    const pdf = await renderConsentProofPdf(proof, 'ru', { compress: false });
    expectValidPdf(pdf);
    const parsed = parsePdf(pdf);
    const text = withoutFooters(parsed);
    for (const value of [
      'Доказательство согласия: Запись № 1001',
      'ivan.ivanov@example.ru',
      'Иванов Иван Иванович',
      '203.0.113.0',
      '?utm_source=mail',
      'Перезвоните после обеда',
      'Обратная связь (contact)',
      'https://romashka.example/contacts',
      'обязательная отметка после открытия полного текста',
      AGREEMENT_TEXT,
      'c'.repeat(64),
      'a'.repeat(64),
      'Результат: запись не изменена и стоит на своём месте в цепочке.',
      'Алгоритм: EdDSA; Ключ (kid): k-2026',
      proof.signature!.jws,
      'Согласие отозвано',
      '/api/user-consent/jwks.json',
      'npm run verify-consents',
      '"consentReceiptID": "3f2c1b0a-9d8e-4f7a-8b6c-5d4e3f2a1b0c"',
    ]) {
      expect(text).toContain(squash(value));
    }
    expect(parsed.info.Title).toBe('Доказательство согласия: Запись № 1001');
  });

  it('shows the signature detached, says "hidden", and reports a failed check, in English', async () => {
    const pdf = await renderConsentProofPdf(
      {
        ...proof,
        personalData: false,
        who: { status: 'hidden' },
        signature: { ...proof.signature!, jws: `${header}..${jwsSignature}` },
        signatureDetached: true,
        chain: { ...proof.chain, ownHashValid: false },
      },
      'en',
      { compress: false }
    );
    const text = withoutFooters(parsePdf(pdf));
    expect(text).toContain(squash("hidden: the admin's role may not see personal data"));
    expect(text).toContain(squash('JWS without its payload'));
    expect(text).toContain(squash(`${header}..${jwsSignature}`));
    expect(text).toContain(squash('VERIFICATION FAILED'));
    expect(text).not.toContain('203.0.113.0');
  });

  it('says "not signed" for a receipt without a signature, and "erased" for erased personal data', async () => {
    const text = withoutFooters(parsePdf(await renderConsentProofPdf({ ...proof, signature: null, who: { status: 'erased', erasedAt: '2026-11-21T10:00:00.000Z' }, personalRecord: 'erased' }, 'en', { compress: false })));
    expect(text).toContain(squash("Receipt's signature not signed"));
    expect(text).toContain(squash('the personal data of this record was erased (21 Nov 2026 10:00 UTC)'));
    expect(text).toContain(squash('erased; the event stays provable without it'));
  });
});
