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
