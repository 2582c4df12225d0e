/**
 * Wording of the PDF documents (act of destruction, access-request report) in Russian and English.
 * The records keep codes; a document shows these phrases. Keyed by the shared code lists, so a code
 * added to shared/contracts without a label here fails the type check.
 */
import type { ErasureKind, ErasureReason, PersonalCategory } from '../../../shared/contracts/personal';
import type { Lang } from '../templates/common';

export type { Lang };

/**
 * What a consent event did (`erased` marks the event that records an erasure, `expired` the end of a
 * consent's validity), or a consent's state (`outdated`: a later version requires renewed consent).
 */
export type EventAction = 'given' | 'refused' | 'withdrawn' | 'erased' | 'expired' | 'outdated' | 'requested' | 'confirmed' | 'pending';

export const CATEGORY_LABELS: Record<Lang, Record<PersonalCategory, string>> = {
  ru: {
    email: 'адрес электронной почты',
    phone: 'номер телефона',
    name: 'фамилия, имя, отчество',
    externalId: 'идентификатор пользователя в информационной системе оператора',
    ip: 'IP-адрес',
    userAgent: 'сведения о браузере и устройстве (User-Agent)',
    pageQuery: 'параметры адреса страницы, на которой заполнена форма',
    formData: 'сведения, введённые в веб-форму',
    note: 'примечания к записям о согласии',
    evidence: 'документ, подтверждающий согласие, полученное вне сайта (скан, запись разговора)',
  },
  en: {
    email: 'e-mail address',
    phone: 'phone number',
    name: 'full name',
    externalId: "user identifier in the operator's information system",
    ip: 'IP address',
    userAgent: 'browser and device details (User-Agent)',
    pageQuery: 'query parameters of the page where the form was filled in',
    formData: 'information typed into the web form',
    note: 'notes on the consent records',
    evidence: 'document evidencing a consent collected outside the site (a scan, a call recording)',
  },
};

const LAW_RU = 'Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»';
const LAW_EN = 'Federal Law No. 152-FZ of 27 July 2006 "On Personal Data"';

/** `other` is followed by the administrator's note, which is the actual reason. */
export const REASON_LABELS: Record<Lang, Record<ErasureReason, string>> = {
  ru: {
    'subject-request': 'требование субъекта персональных данных об уничтожении его персональных данных',
    withdrawal: `отзыв субъектом персональных данных согласия на их обработку (ч. 5 ст. 21 ${LAW_RU})`,
    retention: `достижение цели обработки персональных данных, истечение срока их хранения (ч. 4 ст. 21, ч. 7 ст. 5 ${LAW_RU})`,
    other: 'иная причина',
  },
  en: {
    'subject-request': "the data subject's request to destroy their personal data",
    withdrawal: `withdrawal of consent to the processing by the data subject (${LAW_EN}, art. 21 part 5)`,
    retention: `the purpose of processing was reached, the retention period ended (${LAW_EN}, art. 21 part 4, art. 5 part 7)`,
    other: 'another reason',
  },
};

export const KIND_LABELS: Record<Lang, Record<ErasureKind, string>> = {
  ru: {
    email: 'по адресу электронной почты',
    phone: 'по номеру телефона',
    externalId: 'по идентификатору пользователя сайта',
    receipt: 'по номеру квитанции о согласии',
    retention: 'по истечении срока хранения записей',
  },
  en: {
    email: 'by e-mail address',
    phone: 'by phone number',
    externalId: "by the site's user id",
    receipt: 'by consent receipt number',
    retention: 'by the end of the retention period of the records',
  },
};

export const ACTION_LABELS: Record<Lang, Record<EventAction, string>> = {
  ru: {
    given: 'согласие дано',
    refused: 'в согласии отказано',
    withdrawn: 'согласие отозвано',
    erased: 'персональные данные уничтожены',
    expired: 'срок действия согласия истёк',
    outdated: 'требуется новое согласие (текст изменён)',
    requested: 'согласие ожидает подтверждения адреса',
    confirmed: 'адрес подтверждён, согласие дано',
    pending: 'ожидает подтверждения',
  },
  en: {
    given: 'consent given',
    refused: 'consent refused',
    withdrawn: 'consent withdrawn',
    erased: 'personal data erased',
    expired: 'consent expired',
    outdated: 'renewed consent required (the text changed)',
    requested: 'consent awaiting address confirmation',
    confirmed: 'address confirmed, consent given',
    pending: 'awaiting confirmation',
  },
};

export const CHANNEL_LABELS: Record<Lang, Record<string, string>> = {
  ru: { web: 'веб-форма', admin: 'внесено администратором', api: 'API', import: 'получено вне сайта (импорт)', 'self-service': 'самим человеком на странице «Мои согласия»' },
  en: { web: 'web form', admin: 'entered by an administrator', api: 'API', import: 'collected elsewhere (imported)', 'self-service': 'by the person on the “My consents” page' },
};

/** A label for a code from the database; a code this version does not know is shown as it is. */
export const labelOf = <K extends string>(table: Record<string, string>, code: K | string | null | undefined): string =>
  code == null || code === '' ? '—' : table[code] ?? code;

const ACT_RU = {
  title: 'Акт об уничтожении персональных данных',
  basis:
    'Составлен в соответствии с Требованиями к подтверждению уничтожения персональных данных, утверждёнными приказом Роскомнадзора от 28.10.2022 № 179.',
  operator: 'Оператор персональных данных (наименование, адрес)',
  address: 'адрес',
  inn: 'ИНН',
  ogrn: 'ОГРН',
  destroyedBy: 'Лицо, уничтожившее персональные данные (ФИО, должность)',
  adminRole: 'администратор информационной системы',
  subjects: 'Категории субъектов персональных данных',
  subjectsValue: 'лица, заполнившие веб-формы или давшие согласия на сайте оператора',
  subjectsCount: 'Количество субъектов',
  identifiedBy: 'Субъекты определены',
  categories: 'Перечень категорий уничтоженных персональных данных',
  system: 'Информационная система, из которой уничтожены персональные данные',
  systemValue: 'база данных сайта оператора (Strapi, модуль strapi-plugin-user-consent)',
  forms: 'веб-формы',
  method: 'Способ уничтожения',
  methodValue:
    'удаление из базы данных информационной системы с перезаписью освобождённого места хранения; записи о согласиях сохранены без персональных данных и остаются доказуемыми',
  reason: 'Причина уничтожения',
  note: 'Примечание',
  date: 'Дата уничтожения',
  events: 'Количество записей о согласиях, затронутых уничтожением',
  seq: 'Запись об уничтожении в журнале событий (порядковый номер)',
  signature: 'Ответственное лицо',
  signatureHint: '(подпись)',
  keep: 'Акт хранится в течение трёх лет с даты уничтожения персональных данных.',
  notRecorded: 'не указано',
};

const ACT_EN: typeof ACT_RU = {
  title: 'Act of destruction of personal data',
  basis:
    'Drawn up under the Requirements for confirming the destruction of personal data approved by Roskomnadzor Order No. 179 of 28 October 2022.',
  operator: 'Personal data operator (name, address)',
  address: 'address',
  inn: 'INN',
  ogrn: 'OGRN',
  destroyedBy: 'Person who destroyed the personal data (name, position)',
  adminRole: 'administrator of the information system',
  subjects: 'Categories of data subjects',
  subjectsValue: "persons who submitted web forms or gave consents on the operator's website",
  subjectsCount: 'Number of data subjects',
  identifiedBy: 'Data subjects identified',
  categories: 'Categories of personal data destroyed',
  system: 'Information system the personal data was destroyed in',
  systemValue: "the database of the operator's website (Strapi, strapi-plugin-user-consent module)",
  forms: 'web forms',
  method: 'Method of destruction',
  methodValue:
    'deletion from the database of the information system, with the freed storage overwritten; the consent records keep no personal data and stay provable',
  reason: 'Reason for destruction',
  note: 'Note',
  date: 'Date of destruction',
  events: 'Number of consent records concerned',
  seq: 'Record of the destruction in the event log (sequence number)',
  signature: 'Responsible person',
  signatureHint: '(signature)',
  keep: 'The act is kept for three years from the date the personal data was destroyed.',
  notRecorded: 'not recorded',
};

export const ACT_TEXT: Record<Lang, typeof ACT_RU> = { ru: ACT_RU, en: ACT_EN };

const REPORT_RU = {
  title: 'Сведения о персональных данных субъекта',
  basis: `Ответ на запрос субъекта персональных данных (ст. 14 ${LAW_RU}; ст. 15 Регламента (ЕС) 2016/679, GDPR).`,
  identifier: { email: 'Адрес электронной почты', phone: 'Номер телефона', externalId: 'Идентификатор пользователя сайта' } as Record<'email' | 'phone' | 'externalId', string>,
  searched: 'Запрос по',
  generated: 'Сведения сформированы',
  operators: 'Оператор(ы) персональных данных',
  current: 'Текущее состояние согласий',
  agreement: 'Соглашение',
  state: 'Состояние',
  since: 'Действует с',
  events: 'Записи о согласиях',
  event: 'Запись',
  time: 'Время',
  action: 'Действие',
  version: 'Версия',
  form: 'Веб-форма',
  pageUrl: 'Адрес страницы',
  channel: 'Канал',
  receipt: 'Номер квитанции',
  ip: 'IP-адрес',
  userAgent: 'Браузер и устройство (User-Agent)',
  subject: 'Сведения о субъекте',
  data: 'Введённые в форму сведения',
  erased: 'Персональные данные этой записи уничтожены; запись о согласии сохранена без них.',
  texts: 'Тексты согласий',
  textsHint: 'Полные тексты версий соглашений, на которые субъект дал согласие или в согласии на которые отказал.',
  textVersion: 'версия',
  language: 'язык',
  hash: 'Контрольная сумма текста (SHA-256)',
  none: 'Сведений не найдено.',
};

const REPORT_EN: typeof REPORT_RU = {
  title: 'Personal data held about a data subject',
  basis: `Answer to a data subject's access request (${LAW_EN}, art. 14; Regulation (EU) 2016/679, GDPR, art. 15).`,
  identifier: { email: 'E-mail address', phone: 'Phone number', externalId: "Site user id" },
  searched: 'Searched by',
  generated: 'Generated',
  operators: 'Personal data operator(s)',
  current: 'Current state of consents',
  agreement: 'Agreement',
  state: 'State',
  since: 'Since',
  events: 'Consent records',
  event: 'Record',
  time: 'Time',
  action: 'Action',
  version: 'Version',
  form: 'Web form',
  pageUrl: 'Page URL',
  channel: 'Channel',
  receipt: 'Receipt number',
  ip: 'IP address',
  userAgent: 'Browser and device (User-Agent)',
  subject: 'About the person',
  data: 'Typed into the form',
  erased: 'The personal data of this record was erased; the consent record is kept without it.',
  texts: 'Texts of the consents',
  textsHint: 'The full texts of the agreement versions the person agreed to or refused.',
  textVersion: 'version',
  language: 'language',
  hash: 'Checksum of the text (SHA-256)',
  none: 'No records found.',
};

export const REPORT_TEXT: Record<Lang, typeof REPORT_RU> = { ru: REPORT_RU, en: REPORT_EN };

/** Words both documents use: page numbers and the sign before a number. */
export const COMMON_TEXT: Record<Lang, { page: string; of: string; number: string }> = {
  ru: { page: 'стр.', of: 'из', number: '№' },
  en: { page: 'page', of: 'of', number: 'No.' },
};

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A moment in UTC, spelled the way each language reads dates: 30.11.2026 14:05 UTC, 30 Nov 2026 14:05 UTC.
 * UTC, not the server's zone, so the same record reads the same wherever the document is made.
 */
export const formatDateTime = (iso: string | null | undefined, lang: Lang, seconds = false): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ''} UTC`;
  const date =
    lang === 'ru'
      ? `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`
      : `${d.getUTCDate()} ${MONTHS_EN[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${date} ${time}`;
};

/** How the checkbox was presented (shared/contracts BEHAVIOURS). */
export const BEHAVIOUR_LABELS: Record<Lang, Record<string, string>> = {
  ru: {
    'required-prechecked': 'обязательная отметка, поставлена заранее',
    'required-read': 'обязательная отметка после открытия полного текста',
    'optional-prechecked': 'необязательная отметка, поставлена заранее',
    'optional-unchecked': 'необязательная отметка, не поставлена заранее',
  },
  en: {
    'required-prechecked': 'required checkbox, ticked in advance',
    'required-read': 'required checkbox, after opening the full text',
    'optional-prechecked': 'optional checkbox, ticked in advance',
    'optional-unchecked': 'optional checkbox, not ticked in advance',
  },
};

const PROOF_RU = {
  title: 'Доказательство согласия',
  basis: `Сведения о записи о согласии из журнала событий оператора (ч. 1 ст. 9 ${LAW_RU}; ст. 7(1) Регламента (ЕС) 2016/679, GDPR). Документ сформирован автоматически; его можно проверить, не доверяя оператору (раздел 8).`,
  generated: 'Документ сформирован',
  record: 'Запись',
  operators: 'Оператор(ы) персональных данных',
  event: 'Событие',
  stateNow: 'Состояние сейчас',
  recordedAt: 'Записано',
  collectedAt: 'Согласие получено',
  expiresAt: 'Действует до',
  untilWithdrawn: 'до отзыва',
  channel: 'Канал',
  receipt: 'Номер квитанции',
  who: '1. Кто',
  whoHidden: 'скрыто: у роли администратора нет права на просмотр персональных данных',
  whoErased: 'персональные данные этой записи уничтожены',
  whoNone: 'персональные данные не записывались',
  subject: 'Субъект',
  ip: 'IP-адрес',
  userAgent: 'Браузер и устройство (User-Agent)',
  pageQuery: 'Параметры адреса страницы',
  data: 'Введённые в форму сведения',
  when: '2. Когда',
  where: '3. Где',
  form: 'Веб-форма',
  page: 'Страница (адрес без параметров)',
  how: '4. Как',
  behaviour: 'Как показана отметка',
  prechecked: 'Отметка стояла заранее',
  fullTextOpened: 'Полный текст открыт',
  dataShown: 'Перечень данных в тексте (поля формы)',
  yes: 'да',
  no: 'нет',
  text: '5. Текст, который был показан',
  agreement: 'Соглашение',
  version: 'Версия',
  language: 'Язык',
  label: 'Подпись у отметки',
  externalUrl: 'Внешний адрес текста',
  textHash: 'Контрольная сумма версии (SHA-256)',
  textHashCheck: 'Проверка контрольной суммы версии',
  fullText: 'Полный текст версии',
  chain: '6. Место в цепочке и проверка',
  seq: 'Порядковый номер в цепочке',
  hash: 'Хеш события (SHA-256)',
  prevHash: 'Хеш предыдущего события',
  ownHash: 'Хеш события пересчитан',
  link: 'Связь с предыдущим событием',
  nextLink: 'Связь со следующим событием',
  personalRecord: 'Персональные данные записи',
  ok: 'совпадает',
  broken: 'НЕ совпадает',
  last: 'это последнее событие цепочки',
  first: 'это первое событие цепочки',
  personalStatus: {
    matches: 'не изменены (совпадают с ключевым хешем в событии)',
    altered: 'ИЗМЕНЕНЫ: не совпадают с ключевым хешем в событии',
    erased: 'уничтожены; событие остаётся доказуемым без них',
    none: 'нет',
  } as Record<'matches' | 'altered' | 'erased' | 'none', string>,
  verdictOk: 'Результат: запись не изменена и стоит на своём месте в цепочке.',
  verdictBroken: 'Результат: ПРОВЕРКА НЕ ПРОЙДЕНА — запись или её связь с цепочкой изменены.',
  receiptSection: '7. Квитанция и подпись',
  noReceipt: 'У этого события нет квитанции: квитанция выдаётся на решение (согласие или отказ).',
  signature: 'Подпись квитанции',
  notSigned: 'не подписана',
  alg: 'Алгоритм',
  kid: 'Ключ (kid)',
  jws: 'JWS (компактная форма)',
  jwsDetached: 'JWS без полезной нагрузки',
  jwsDetachedHint: 'Полезная нагрузка JWS — квитанция с персональными данными — не показана: у роли нет права на их просмотр. Квитанция есть у субъекта; вместе с ней подпись проверяется полностью.',
  receiptJson: 'Квитанция (JSON)',
  withdrawal: 'Отзыв',
  withdrawnBy: 'Согласие отозвано',
  notWithdrawn: 'согласие не отзывалось',
  withdraws: 'Это событие отзывает',
  verify: '8. Как проверить',
  verifySteps: [
    'Квитанция: у субъекта есть номер квитанции и её токен; GET /api/user-consent/receipts/<номер> с заголовком X-Receipt-Token отдаёт ту же квитанцию, что приведена выше.',
    'Подпись: открытые ключи оператора опубликованы по адресу /api/user-consent/jwks.json; подпись (JWS, EdDSA) проверяется ключом с указанным kid любой библиотекой JOSE без участия оператора. Полезная нагрузка JWS — каноническая JSON-запись квитанции.',
    'Цепочка: хеш события — SHA-256 канонического JSON его полей; каждое событие содержит хеш предыдущего. Команда npm run verify-consents в каталоге приложения пересчитывает всю цепочку и сообщает о первой нарушенной записи.',
    'Текст: контрольная сумма версии вычисляется по её содержанию; тот же текст открывается по адресу /api/user-consent/versions/<id версии>/text.',
  ],
};

const PROOF_EN: typeof PROOF_RU = {
  title: 'Proof of consent',
  basis: `A consent record from the operator's event log (${LAW_EN}, art. 9 part 1; Regulation (EU) 2016/679, GDPR, art. 7(1)). Generated automatically; it can be checked without trusting the operator (section 8).`,
  generated: 'Generated',
  record: 'Record',
  operators: 'Personal data operator(s)',
  event: 'Event',
  stateNow: 'State now',
  recordedAt: 'Recorded',
  collectedAt: 'Consent collected',
  expiresAt: 'Valid until',
  untilWithdrawn: 'until withdrawn',
  channel: 'Channel',
  receipt: 'Receipt number',
  who: '1. Who',
  whoHidden: "hidden: the admin's role may not see personal data",
  whoErased: 'the personal data of this record was erased',
  whoNone: 'no personal data was recorded',
  subject: 'Data subject',
  ip: 'IP address',
  userAgent: 'Browser and device (User-Agent)',
  pageQuery: 'Page address parameters',
  data: 'Typed into the form',
  when: '2. When',
  where: '3. Where',
  form: 'Web form',
  page: 'Page (address without parameters)',
  how: '4. How',
  behaviour: 'How the checkbox was shown',
  prechecked: 'Ticked in advance',
  fullTextOpened: 'Full text opened',
  dataShown: 'Data listed in the text (the form’s fields)',
  yes: 'yes',
  no: 'no',
  text: '5. The text as shown',
  agreement: 'Agreement',
  version: 'Version',
  language: 'Language',
  label: 'Checkbox label',
  externalUrl: 'External address of the text',
  textHash: 'Checksum of the version (SHA-256)',
  textHashCheck: "Version's checksum recomputed",
  fullText: 'Full text of the version',
  chain: '6. Place in the chain and verification',
  seq: 'Position in the chain',
  hash: 'Event hash (SHA-256)',
  prevHash: 'Hash of the previous event',
  ownHash: "Event's hash recomputed",
  link: 'Link to the previous event',
  nextLink: 'Link from the next event',
  personalRecord: "The record's personal data",
  ok: 'matches',
  broken: 'does NOT match',
  last: 'this is the last event of the chain',
  first: 'this is the first event of the chain',
  personalStatus: {
    matches: 'unchanged (matches the keyed hash in the event)',
    altered: 'ALTERED: does not match the keyed hash in the event',
    erased: 'erased; the event stays provable without it',
    none: 'none',
  },
  verdictOk: 'Result: the record is unaltered and in its place in the chain.',
  verdictBroken: 'Result: VERIFICATION FAILED — the record or its link to the chain was altered.',
  receiptSection: '7. Receipt and signature',
  noReceipt: 'This event has no receipt: receipts are issued for decisions (consent given or refused).',
  signature: "Receipt's signature",
  notSigned: 'not signed',
  alg: 'Algorithm',
  kid: 'Key (kid)',
  jws: 'JWS (compact form)',
  jwsDetached: 'JWS without its payload',
  jwsDetachedHint: "The JWS payload, the receipt with personal data, is left out: the role may not see personal data. The data subject holds the receipt; with it the signature checks in full.",
  receiptJson: 'Receipt (JSON)',
  withdrawal: 'Withdrawal',
  withdrawnBy: 'Consent withdrawn',
  notWithdrawn: 'the consent was not withdrawn',
  withdraws: 'This event withdraws',
  verify: '8. How to verify',
  verifySteps: [
    'Receipt: the data subject holds the receipt number and its token; GET /api/user-consent/receipts/<number> with the X-Receipt-Token header returns the same receipt as above.',
    "Signature: the operator's public keys are published at /api/user-consent/jwks.json; the signature (JWS, EdDSA) is checked with the key of the kid shown, by any JOSE library, without the operator. The JWS payload is the receipt's canonical JSON.",
    "Chain: an event's hash is the SHA-256 of the canonical JSON of its fields; each event holds the previous one's hash. npm run verify-consents in the application's folder recomputes the whole chain and reports the first broken record.",
    "Text: the version's checksum is computed over its content; the same text opens at /api/user-consent/versions/<version id>/text.",
  ],
};

export const PROOF_TEXT: Record<Lang, typeof PROOF_RU> = { ru: PROOF_RU, en: PROOF_EN };
