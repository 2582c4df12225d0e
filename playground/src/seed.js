'use strict';

// Demo only: these credentials are printed on start and must never be used on a real site.
const DEMO_ADMIN = {
  email: 'admin@example.com',
  password: 'Admin-Demo-1',
  firstname: 'Demo',
  lastname: 'Admin',
};

const seedAdmin = async (strapi) => {
  const userService = strapi.service('admin::user');
  const existing = await userService.findOneByEmail?.(DEMO_ADMIN.email) ??
    (await strapi.db.query('admin::user').findOne({ where: { email: DEMO_ADMIN.email } }));
  if (existing) return false;
  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdminRole) throw new Error('super admin role missing');
  await userService.create({
    ...DEMO_ADMIN,
    roles: [superAdminRole.id],
    isActive: true,
    registrationToken: null,
  });
  return true;
};

// Real, publicly known registration numbers with valid check digits; the tests use this company as
// their Russian one (tests/helpers/fixtures.ts), so what the demo shows is what they check.
const DEMO_COMPANY = {
  name: 'Ромашка',
  legalForm: 'ООО',
  country: 'RU',
  inn: '7707083893',
  ogrn: '1027700132195',
  kpp: '773601001',
  legalAddress: '117997, г. Москва, ул. Примерная, д. 1',
  postalAddress: '117997, г. Москва, ул. Примерная, д. 1',
  email: 'privacy@romashka.example',
  phone: '+7 495 000-00-00',
  website: 'https://romashka.example',
};

const DEMO_AGREEMENTS = (companyId) => [
  {
    name: 'Согласие на обработку персональных данных',
    type: 'standard',
    template: 'ru-personal-data',
    dataSource: 'company',
    companyId,
    purposes: [{ code: 'reply-to-requests', title: '' }, { code: 'service-provision', title: '' }],
    dataCategories: [],
    validity: { kind: 'until-withdrawn' },
    label: 'Я даю [согласие на обработку персональных данных]',
  },
  {
    name: 'Согласие на получение рекламной рассылки',
    type: 'standard',
    template: 'ru-advertising',
    dataSource: 'company',
    companyId,
    purposes: [{ code: 'newsletters-advertising', title: '' }],
    validity: { kind: 'until-withdrawn' },
    label: 'Я согласен [получать рекламные и информационные рассылки]',
  },
  {
    name: 'Пользовательское соглашение',
    type: 'custom',
    label: 'Я принимаю [пользовательское соглашение]',
    customHtml:
      '<h2>Пользовательское соглашение</h2><p>Сайт предоставляет информацию о товарах и услугах компании. ' +
      'Используя сайт, пользователь соглашается не нарушать его работу.</p>',
  },
  {
    name: 'Правила программы лояльности',
    type: 'custom',
    label: 'Я принимаю [правила программы лояльности]',
    customHtml:
      '<h2>Правила программы лояльности</h2><p>Участник получает баллы за покупки. Баллы действуют 12 месяцев.</p>' +
      '<ul><li>1 балл = 1 рубль скидки;</li><li>баллы не обмениваются на деньги.</li></ul>',
  },
  {
    // 38-FZ art. 18: the visitor ticks each channel under the box (demo page /demo/promo.html).
    name: 'Согласие на рекламу по выбранным каналам',
    type: 'standard',
    template: 'ru-advertising',
    dataSource: 'company',
    companyId,
    purposes: [{ code: 'newsletters-advertising', title: '' }],
    validity: { kind: 'until-withdrawn' },
    label: 'Я согласен [получать рекламу] по отмеченным ниже каналам',
    channels: ['email', 'sms', 'messengers'],
  },
  {
    // 152-FZ art. 10.1: the visitor allows or prohibits each category.
    name: 'Согласие на распространение (отзывы)',
    type: 'standard',
    template: 'ru-distribution',
    dataSource: 'company',
    companyId,
    purposes: [{ code: 'publication', title: '' }],
    validity: { kind: 'until-withdrawn' },
    label: 'Я даю [согласие на распространение] отмеченных ниже данных',
    distribution: {
      categories: [{ code: 'full-name' }, { code: 'photo' }, { code: 'reviews' }],
      resources: ['https://romashka.example/reviews'],
      prohibitions: ['no-transfer', 'no-processing'],
      conditions: null,
    },
  },
];

const seedData = async (strapi) => {
  const plugin = strapi.plugin('user-consent');
  const companies = strapi.db.query('plugin::user-consent.company');
  let company = await companies.findOne({ where: { inn: DEMO_COMPANY.inn } });
  if (!company) company = (await plugin.service('company').create(DEMO_COMPANY)).data;
  const agreements = strapi.db.query('plugin::user-consent.agreement');
  const ids = [];
  for (const a of DEMO_AGREEMENTS(company.id)) {
    const existing = await agreements.findOne({ where: { name: a.name } });
    ids.push(existing ? existing.id : (await plugin.service('agreement').create(a)).data.id);
  }
  const [pd, ads, terms, loyalty, adsByChannel, distribution] = ids;
  const forms = strapi.db.query('plugin::user-consent.form');
  const DEMO_FORMS = [
    {
      key: 'contact',
      name: 'Обратная связь',
      fields: [
        { name: 'name', label: 'Имя', type: 'text', required: true },
        { name: 'email', label: 'E-mail', type: 'email', required: true },
        { name: 'phone', label: 'Телефон', type: 'tel', required: false },
        { name: 'comment', label: 'Комментарий', type: 'textarea', required: false },
      ],
      agreements: [
        { agreementId: pd, behaviour: 'required-read' },
        { agreementId: ads, behaviour: 'optional-unchecked' },
      ],
      successMessage: 'Спасибо! Мы получили ваше сообщение.',
      storeSubmissions: true,
      // The receipt link goes to the address typed (see it at /demo/mail).
      sendReceiptEmail: true,
    },
    {
      key: 'all-modes',
      name: 'All four checkbox modes',
      fields: [{ name: 'email', label: 'E-mail', type: 'email', required: false }],
      agreements: [
        { agreementId: terms, behaviour: 'required-prechecked' },
        { agreementId: pd, behaviour: 'required-read' },
        { agreementId: loyalty, behaviour: 'optional-prechecked' },
        { agreementId: ads, behaviour: 'optional-unchecked' },
      ],
      successMessage: 'Thank you, your consents are recorded.',
      storeSubmissions: false,
    },
    {
      // Double opt-in on the advertising agreement: the subscription counts once the address is confirmed
      // (the confirmation mail is at /demo/mail).
      key: 'newsletter',
      name: 'Рассылка',
      fields: [
        { name: 'name', label: 'Имя', type: 'text', required: false },
        { name: 'email', label: 'E-mail', type: 'email', required: true },
      ],
      agreements: [
        { agreementId: pd, behaviour: 'required-read' },
        { agreementId: ads, behaviour: 'optional-unchecked' },
      ],
      successMessage: 'Спасибо за подписку!',
      storeSubmissions: false,
      doubleOptIn: { agreements: [ads], templates: { en: { subject: null, body: null }, ru: { subject: null, body: null } } },
    },
    {
      // Choices inside agreements: advertising per channel, distribution per category.
      key: 'promo',
      name: 'Отзыв и рассылка',
      fields: [
        { name: 'name', label: 'Имя', type: 'text', required: true },
        { name: 'email', label: 'E-mail', type: 'email', required: true },
        { name: 'comment', label: 'Отзыв', type: 'textarea', required: false },
      ],
      agreements: [
        { agreementId: pd, behaviour: 'required-read' },
        { agreementId: adsByChannel, behaviour: 'optional-unchecked' },
        { agreementId: distribution, behaviour: 'optional-unchecked' },
      ],
      successMessage: 'Спасибо за отзыв!',
      storeSubmissions: true,
    },
  ];
  for (const f of DEMO_FORMS) {
    if (!(await forms.findOne({ where: { key: f.key } }))) await plugin.service('form').create(f);
  }
  return { company, agreements: { pd, ads, terms, loyalty } };
};

/** Made-up visitors of the demo shop (example addresses, no real person). */
const DEMO_VISITORS = [
  ['Анна Смирнова', 'anna.smirnova'], ['Иван Кузнецов', 'ivan.kuznetsov'], ['Мария Попова', 'maria.popova'],
  ['Алексей Васильев', 'alexey.vasiliev'], ['Елена Соколова', 'elena.sokolova'], ['Дмитрий Михайлов', 'dmitry.mikhailov'],
  ['Ольга Новикова', 'olga.novikova'], ['Сергей Фёдоров', 'sergey.fedorov'], ['Наталья Морозова', 'natalia.morozova'],
  ['Андрей Волков', 'andrey.volkov'], ['Татьяна Алексеева', 'tatiana.alexeeva'], ['Павел Лебедев', 'pavel.lebedev'],
];

/**
 * Consents as visitors give them on the contact form (through the plugin's own capture, so they are
 * real chained records), a few advertising refusals and two withdrawals: the log, the overview and the
 * record pages have something to show. Only into an empty log; consents cannot be removed afterwards.
 */
const seedDemoConsents = async (strapi) => {
  if (await strapi.db.query('plugin::user-consent.consent').count({})) return 0;
  const plugin = strapi.plugin('user-consent');
  const form = await plugin.service('form').getPublic('contact');
  const receipts = [];
  for (const [i, [name, mail]] of DEMO_VISITORS.entries()) {
    const request = { ip: `203.0.113.${10 + i}`, userAgent: 'Mozilla/5.0 (demo visitor)', origin: null, host: null };
    const body = {
      pageUrl: i % 3 ? 'https://romashka.example/contacts' : 'https://romashka.example/?utm_source=demo',
      data: { name, email: `${mail}@example.com`, comment: 'Перезвоните мне, пожалуйста.' },
      decisions: form.agreements.map((a) => ({ version: a.version.id, accepted: a.required || i % 2 === 0, fullTextOpened: a.mustRead || i % 4 === 0 })),
    };
    const { data } = await plugin.service('consent').submit('contact', body, request);
    receipts.push(...data.receipts);
  }
  for (const r of [receipts[1], receipts[6]]) {
    await plugin.service('consent').withdrawByReceipt({ receipt: r.id, token: r.token }, { ip: '203.0.113.99', userAgent: 'Mozilla/5.0 (demo visitor)', origin: null, host: null });
  }
  return DEMO_VISITORS.length;
};

const seedDemo = async (strapi) => {
  const created = await seedAdmin(strapi);
  await seedData(strapi);
  // The browser tests start from an empty log (scripts/e2e.js turns this off).
  if (process.env.USER_CONSENT_DEMO_CONSENTS !== 'false') {
    const n = await seedDemoConsents(strapi);
    if (n) strapi.log.info(`[demo] ${n} demo visitors' consents recorded on the contact form`);
  }
  strapi.log.info(
    `[demo] admin ${created ? 'created' : 'exists'}: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (demo only)`
  );
};

module.exports = { seedDemo, seedData, seedDemoConsents, DEMO_ADMIN, DEMO_COMPANY };
