/**
 * The export's headers and values in the admin's language. The codes stay the columns' identity (an
 * export without a language uses them, for scripts); these are what a person opening the file reads.
 * Actions and channels are worded as in the PDF documents (documents/labels.ts).
 */
import type { Behaviour, ExportLang } from '../../../../shared/contracts/constants';
import { ACTION_LABELS, CHANNEL_LABELS } from '../../documents/labels';

export const EXPORT_HEADERS: Record<ExportLang, Record<string, string>> = {
  ru: {
    id: 'Номер записи',
    seq: 'Порядковый номер в журнале',
    recordedAt: 'Дата и время (UTC)',
    recordedAtLocal: 'Дата и время ({zone})',
    action: 'Действие',
    agreementId: 'Идентификатор соглашения',
    agreement: 'Соглашение',
    versionId: 'Идентификатор версии',
    versionNumber: 'Номер версии',
    formKey: 'Ключ веб-формы',
    pageUrl: 'Адрес страницы',
    behaviour: 'Режим флажка',
    prechecked: 'Флажок отмечен заранее',
    fullTextOpened: 'Полный текст открыт',
    channel: 'Канал',
    withdrawsId: 'Отзывает запись №',
    receiptId: 'Номер квитанции',
    hash: 'Контрольная сумма записи (SHA-256)',
    prevHash: 'Контрольная сумма предыдущей записи',
    collectedAt: 'Когда получено согласие (импорт, UTC)',
    choices: 'Выбор внутри согласия (каналы рекламы, категории)',
    dataShown: 'Перечень данных в тексте (поля формы)',
    ip: 'IP-адрес',
    userAgent: 'Браузер и устройство (User-Agent)',
    subjectEmail: 'Адрес электронной почты',
    subjectPhone: 'Номер телефона',
    subjectName: 'ФИО',
    note: 'Примечание',
    data: 'Поле формы «{label}»',
    dataOther: 'Другие поля формы',
  },
  en: {
    id: 'Record number',
    seq: 'Sequence number',
    recordedAt: 'Date and time (UTC)',
    recordedAtLocal: 'Date and time ({zone})',
    action: 'Action',
    agreementId: 'Agreement ID',
    agreement: 'Agreement',
    versionId: 'Version ID',
    versionNumber: 'Version number',
    formKey: 'Form key',
    pageUrl: 'Page URL',
    behaviour: 'Checkbox mode',
    prechecked: 'Pre-ticked',
    fullTextOpened: 'Full text opened',
    channel: 'Channel',
    withdrawsId: 'Withdraws record No.',
    receiptId: 'Receipt number',
    hash: 'Record checksum (SHA-256)',
    prevHash: 'Previous record checksum',
    collectedAt: 'Collected at (imported, UTC)',
    choices: 'Choices inside the agreement (channels, categories)',
    dataShown: 'Data listed in the text (form fields)',
    ip: 'IP address',
    userAgent: 'Browser and device (User-Agent)',
    subjectEmail: 'E-mail address',
    subjectPhone: 'Phone number',
    subjectName: 'Full name',
    note: 'Note',
    data: 'Form field "{label}"',
    dataOther: 'Other form fields',
  },
};

/** The four Bitrix checkbox behaviours, as the form page names them. */
export const BEHAVIOUR_LABELS: Record<ExportLang, Record<Behaviour, string>> = {
  ru: {
    'required-prechecked': 'согласие обязательно, принято автоматически',
    'required-read': 'согласие обязательно, нужно чтение полного текста',
    'optional-prechecked': 'согласие не обязательно, принято автоматически',
    'optional-unchecked': 'согласие не обязательно, не принято автоматически',
  },
  en: {
    'required-prechecked': 'required, pre-ticked',
    'required-read': 'required, full text must be opened',
    'optional-prechecked': 'optional, pre-ticked',
    'optional-unchecked': 'optional, not pre-ticked',
  },
};

export const YES_NO: Record<ExportLang, { yes: string; no: string }> = {
  ru: { yes: 'да', no: 'нет' },
  en: { yes: 'yes', no: 'no' },
};

/** The value tables of the columns that hold codes. */
export const CODE_LABELS: Record<ExportLang, Record<'action' | 'behaviour' | 'channel', Record<string, string>>> = {
  ru: { action: ACTION_LABELS.ru, behaviour: BEHAVIOUR_LABELS.ru, channel: CHANNEL_LABELS.ru },
  en: { action: ACTION_LABELS.en, behaviour: BEHAVIOUR_LABELS.en, channel: CHANNEL_LABELS.en },
};

/** The name of a column: its code without a language, else its header with the blanks filled. */
export const headerOf = (key: string, lang: ExportLang | null, values: Record<string, string> = {}) => {
  if (!lang) return key;
  return EXPORT_HEADERS[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
};
