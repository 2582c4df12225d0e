/**
 * Field errors in the admin's language: the server adds a machine code and its params to each item of a
 * ValidationError's `details.errors` (message unchanged), and the panel says each known code in English
 * or Russian, the server's message only for a code it does not know.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { CreateCompany } from '../../shared/contracts/companies';
import { formBody } from '../../shared/contracts/forms';
import { issueCode, parse, z } from '../../server/src/validation/common';
import { fieldErrors } from '../../admin/src/utils/apiError';
import { fieldMessage, issueText, type FieldIssue, type Translate } from '../../admin/src/utils/validationMessages';

const ADMIN = path.resolve(__dirname, '../../admin/src/translations');
const dict = (lang: 'en' | 'ru'): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ADMIN, `${lang}.json`), 'utf8'));
const en = dict('en');
const ru = dict('ru');

/** useT over a translation file, as react-intl formats it. */
const translator =
  (lang: 'en' | 'ru'): Translate =>
  (id, defaultMessage, values) =>
    String(new IntlMessageFormat((lang === 'en' ? en : ru)[id] ?? defaultMessage, lang).format(values));
const tRu = translator('ru');
const tEn = translator('en');

/** The ValidationError body `parse` throws for `data`, as the admin receives it. */
const refusal = (schema: z.ZodType, data: unknown) => {
  try {
    parse(schema, data);
  } catch (e) {
    const err = e as { name: string; message: string; details: { errors: (FieldIssue & { name: string })[] } };
    return { status: 400, name: err.name, message: err.message, details: err.details };
  }
  throw new Error('expected a refusal');
};

const COMPANY = { name: 'ООО Ромашка', country: 'RU' };

describe('server: a machine code and its params on every field error', () => {
  it('keeps the message and adds code and params from the zod issue', () => {
    const body = refusal(CreateCompany.body, { ...COMPANY, name: ' ', inn: '7707083894', legalForm: 'x'.repeat(101), email: 'nope', extra: 1 });
    expect(body.name).toBe('ValidationError');
    const byPath = Object.fromEntries(body.details.errors.map((e) => [e.path.join('.'), e]));
    expect(byPath.name).toEqual({ path: ['name'], message: 'is required', name: 'ValidationError', code: 'too_small', params: { origin: 'string', minimum: 1, inclusive: true } });
    expect(byPath.legalForm).toMatchObject({ message: 'must be at most 100 characters', code: 'too_big', params: { origin: 'string', maximum: 100, inclusive: true } });
    expect(byPath.email).toMatchObject({ message: 'must be an e-mail address', code: 'invalid_format', params: { format: 'email' } });
    expect(byPath['']).toMatchObject({ code: 'unrecognized_keys', params: { keys: ['extra'] } });
    // The first message still names the first field, as API clients read it.
    expect(body.message).toBe(`${body.details.errors[0].path.join('.')}: ${body.details.errors[0].message}`);
  });

  it('names the check-digit refinement by its own code, a known pattern by name, and what kind of value was missing', () => {
    const company = refusal(CreateCompany.body, { ...COMPANY, inn: '7707083894' });
    expect(company.details.errors).toEqual([
      { path: ['inn'], message: 'INN check digit does not match', name: 'ValidationError', code: 'requisite-check-digit', params: { number: 'inn' } },
    ]);
    expect(refusal(CreateCompany.body, { ...COMPANY, inn: '77070838' }).details.errors[0]).toMatchObject({ code: 'requisite-format', params: { number: 'inn' } });
    const form = refusal(formBody, { key: 'Bad Key', fields: [{ name: '1x', label: 'L', type: 'text' }], retentionDays: 0, withdrawalRetentionDays: 'x' });
    const byPath = Object.fromEntries(form.details.errors.map((e) => [e.path.join('.'), e]));
    expect(byPath.key).toMatchObject({ code: 'invalid_format', params: { format: 'regex', pattern: 'form-key' } });
    expect(byPath['fields.0.name']).toMatchObject({ code: 'invalid_format', params: { format: 'regex', pattern: 'field-name' } });
    expect(byPath.name).toMatchObject({ code: 'invalid_type', params: { expected: 'string', received: 'undefined' } });
    expect(byPath.retentionDays).toMatchObject({ code: 'too_small', params: { origin: 'number', minimum: 1, inclusive: true } });
    expect(byPath.withdrawalRetentionDays).toMatchObject({ code: 'invalid_type', params: { expected: 'number', received: 'string' } });
  });

  it("takes a refinement's own code from its params, and never the value that was sent", () => {
    const schema = z.object({ secret: z.string().refine(() => false, { message: 'no', params: { code: 'my-rule', limit: 3 } }), n: z.number() });
    const issues = schema.safeParse({ secret: 'person@example.com', n: 'person@example.com' }).error!.issues;
    expect(issues.map((i) => issueCode(i, { secret: 'person@example.com', n: 'person@example.com' }))).toEqual([
      { code: 'my-rule', params: { limit: 3 } },
      { code: 'invalid_type', params: { expected: 'number', received: 'string' } },
    ]);
    expect(JSON.stringify(refusal(schema, { secret: 'person@example.com', n: 'person@example.com' }).details)).not.toContain('person@example.com');
  });
});

describe('admin: field errors said in the admin language', () => {
  it('says the server refusal of a company in Russian and in English, next to each field', () => {
    const body = refusal(CreateCompany.body, { ...COMPANY, name: '', inn: '7707083894', legalAddress: 'x'.repeat(2001), website: 'ftp://x' });
    const describe = (t: Translate) => (issue: FieldIssue) => fieldMessage(issue, t);
    expect(fieldErrors(body, describe(tRu))).toEqual({
      name: 'Обязательное поле',
      inn: 'Неверный ИНН: не сходится контрольное число',
      // Russian groups thousands with a no-break space, as the browser does.
      legalAddress: expect.stringMatching(/^Не больше 2\s000 символов$/),
      website: 'Нужен полный адрес, начинающийся с http:// или https://',
    });
    expect(fieldErrors(body, describe(tEn))).toMatchObject({ name: 'Required', inn: 'Wrong INN: its check digits do not match', legalAddress: 'At most 2,000 characters' });
    // Without a describer the server's own messages stay, as before.
    expect(fieldErrors(body).inn).toBe('INN check digit does not match');
  });

  it.each([
    [{ code: 'too_big', params: { origin: 'string', maximum: 255, inclusive: true } }, 'Не больше 255 символов', 'At most 255 characters'],
    [{ code: 'too_big', params: { origin: 'string', maximum: 21, inclusive: true } }, 'Не больше 21 символа', 'At most 21 characters'],
    [{ code: 'too_big', params: { origin: 'string', maximum: 1, inclusive: true } }, 'Не больше 1 символа', 'At most 1 character'],
    [{ code: 'too_small', params: { origin: 'string', minimum: 3, inclusive: true } }, 'Не меньше 3 символов', 'At least 3 characters'],
    [{ code: 'too_big', params: { origin: 'array', maximum: 50, inclusive: true } }, 'Не больше 50 пунктов', 'At most 50 items'],
    [{ code: 'too_small', params: { origin: 'array', minimum: 1, inclusive: true } }, 'Не меньше 1 пункта', 'At least 1 item'],
    [{ code: 'too_small', params: { origin: 'number', minimum: 1, inclusive: true } }, 'Не меньше 1', 'At least 1'],
    [{ code: 'too_big', params: { origin: 'number', maximum: 3650, inclusive: true } }, 'Не больше 3650', 'At most 3650'],
    [{ code: 'too_small', params: { origin: 'number', minimum: 0, inclusive: false } }, 'Больше 0', 'Greater than 0'],
    [{ code: 'too_big', params: { origin: 'number', maximum: 10, inclusive: false } }, 'Меньше 10', 'Less than 10'],
    [{ code: 'invalid_type', params: { expected: 'string', received: 'undefined' } }, 'Обязательное поле', 'Required'],
    [{ code: 'invalid_type', params: { expected: 'string', received: 'null' } }, 'Обязательное поле', 'Required'],
    [{ code: 'invalid_type', params: { expected: 'int', received: 'number' } }, 'Нужно целое число', 'Must be a whole number'],
    [{ code: 'invalid_type', params: { expected: 'number', received: 'string' } }, 'Нужно число', 'Must be a number'],
    [{ code: 'invalid_type', params: { expected: 'string', received: 'number' } }, 'Нужен текст', 'Must be text'],
    [{ code: 'invalid_type', params: { expected: 'boolean', received: 'string' } }, 'Нужно «да» или «нет»', 'Must be yes or no'],
    [{ code: 'invalid_type', params: { expected: 'array', received: 'string' } }, 'Нужен список', 'Must be a list'],
    [{ code: 'invalid_type', params: { expected: 'object', received: 'string' } }, 'Неверный тип значения', 'Wrong kind of value'],
    [{ code: 'invalid_format', params: { format: 'email' } }, 'Неверный адрес электронной почты', 'Not an e-mail address'],
    [{ code: 'invalid_format', params: { format: 'url' } }, 'Неверный адрес', 'Not a valid address'],
    [{ code: 'invalid_format', params: { format: 'uuid' } }, 'Неверный идентификатор', 'Not a valid identifier'],
    [{ code: 'invalid_format', params: { format: 'regex', pattern: 'form-key' } }, /^Только строчные латинские буквы/, /^Lowercase Latin letters/],
    [{ code: 'invalid_format', params: { format: 'regex', pattern: 'field-name' } }, /^Сначала латинская буква/, /^A Latin letter first/],
    [{ code: 'invalid_format', params: { format: 'regex', pattern: 'phone' } }, 'Неверный номер телефона', 'Not a phone number'],
    [{ code: 'invalid_format', params: { format: 'regex', pattern: 'receipt-id' } }, 'Неверный номер квитанции', 'Not a receipt number'],
    [{ code: 'invalid_format', params: { format: 'regex' } }, 'Неверный формат', 'Wrong format'],
    [{ code: 'invalid_value', params: { values: ['RU', 'BY'] } }, 'Выберите одно из значений: RU, BY', 'Choose one of: RU, BY'],
    [{ code: 'invalid_union', params: {} }, 'Недопустимое значение', 'Not an allowed value'],
    [{ code: 'unrecognized_keys', params: { keys: ['a', 'b'] } }, 'Неизвестные поля: a, b', 'Unknown fields: a, b'],
    [{ code: 'not_multiple_of', params: { divisor: 5 } }, 'Должно быть кратно 5', 'Must be a multiple of 5'],
    [{ code: 'custom', path: ['requisites', 'ogrn'] }, /^Неверный ОГРН\/ОГРНИП/, /^Not a valid OGRN\/OGRNIP/],
    [{ code: 'custom', path: ['kpp'] }, /^Неверный КПП/, /^Not a valid KPP/],
    [{ code: 'custom', path: ['unp'] }, /^Неверный УНП/, /^Not a valid UNP/],
    [{ code: 'custom', path: ['bin'] }, /^Неверный БИН\/ИИН/, /^Not a valid BIN\/IIN/],
    [{ code: 'custom', path: ['externalUrl'] }, /^Нужен полный адрес/, /^A full address/],
    [{ code: 'custom', path: ['successRedirectUrl'] }, /^Нужен полный адрес/, /^A full address/],
    [{ code: 'custom', path: ['allowedOrigins', '2'] }, /^Нужен адрес сайта вида https:\/\/shop.example/, /^A site address such as/],
    [{ code: 'custom', path: ['fields'] }, 'Имена полей не должны повторяться', 'Field names must not repeat'],
    [{ code: 'custom', path: ['agreements'] }, 'Одно соглашение можно подключить только один раз', 'An agreement can be attached only once'],
    [{ code: 'http-url', path: ['website'] }, /^Нужен полный адрес/, /^A full address/],
    [{ code: 'requisite-format', params: { number: 'kpp' } }, /^КПП — 9 знаков/, /^A KPP is 9 characters/],
    [{ code: 'requisite-check-digit', params: { number: 'unp' } }, 'Неверный УНП: не сходится контрольное число', 'Wrong UNP: its check digit does not match'],
    [{ code: 'requisite-component', params: { number: 'ogrn', part: 'ogrnip-first-digit' } }, /^Неверный ОГРНИП: 15-значный ОГРНИП начинается с 3 или 4/, /^Wrong OGRNIP: a 15-digit OGRNIP starts with 3 or 4/],
    [{ code: 'requisite-component', params: { number: 'bin', part: 'iin-date' } }, /^Неверный ИИН: первые 6 цифр — не дата рождения/, /^Wrong IIN: the first 6 digits are not a date of birth/],
    [{ code: 'requisite-component', params: { number: 'unp', part: 'unp-region' } }, /^Неверный УНП: первый знак — код области/, /^Wrong UNP: the first character must be a region code/],
    [{ code: 'template-required' }, 'Выберите шаблон', 'Choose a template'],
    [{ code: 'purpose-unknown', params: { purpose: 'x-y' } }, 'Неизвестная цель: x-y', 'Unknown purpose: x-y'],
    [{ code: 'external-text-unreachable', params: { host: 'shop.example', reason: 'timeout' } }, 'Не удалось загрузить страницу с shop.example: нет ответа вовремя', 'The page at shop.example could not be fetched: no answer in time'],
    [{ code: 'external-text-unreachable', params: { host: 'shop.example', reason: 'connect' } }, 'Не удалось загрузить страницу с shop.example: нет соединения', 'The page at shop.example could not be fetched: no connection'],
    [{ code: 'external-text-address', params: { host: 'localhost', address: '127.0.0.1' } }, /^localhost находится по адресу частной или локальной сети \(127\.0\.0\.1\)/, /^localhost is on a private or local network address \(127\.0\.0\.1\)/],
    [{ code: 'external-text-content-type', params: { contentType: 'application/pdf' } }, /не application\/pdf$/, 'Only HTML and plain-text pages can be kept, not application/pdf'],
    [{ code: 'external-text-status', params: { host: 'shop.example', status: 404 } }, 'Страница на shop.example ответила статусом 404', 'The page at shop.example answered with status 404'],
    [{ code: 'content-required' }, /^Введите текст соглашения/, /^Enter the agreement/],
  ] as [FieldIssue, string | RegExp, string | RegExp][])('%j', (issue, inRussian, inEnglish) => {
    const withMessage = { path: ['x'], message: 'the server message', ...issue };
    expect(fieldMessage(withMessage, tRu)).toEqual(typeof inRussian === 'string' ? inRussian : expect.stringMatching(inRussian));
    expect(fieldMessage(withMessage, tEn)).toEqual(typeof inEnglish === 'string' ? inEnglish : expect.stringMatching(inEnglish));
    // Every text the table uses is in both translation files.
    const id = `validation.${issueText(withMessage)![0]}`;
    expect([id, id in en, id in ru]).toEqual([id, true, true]);
  });

  it("shows the server's message for a code it does not know, a refinement on an unknown field, or an item without a code", () => {
    expect(fieldMessage({ path: ['x'], code: 'something-new', message: 'server words' }, tRu)).toBe('server words');
    expect(fieldMessage({ path: ['label'], code: 'custom', message: 'server words' }, tRu)).toBe('server words');
    expect(fieldMessage({ path: ['companyId'], message: 'no company with this id' }, tRu)).toBe('no company with this id');
  });

  it("says an item without a code by the domain rule that refused the request, falling back to the server's message", () => {
    expect(fieldMessage({ path: ['key'], message: 'a form with the key "contact" already exists' }, tRu, 'form-key-taken')).toBe('Форма с таким ключом уже есть');
    expect(fieldMessage({ path: ['agreements', '0', 'agreementId'], message: 'no agreement with id 9' }, tRu, 'agreement-not-attachable')).toMatch(/^Это соглашение нельзя подключить/);
    expect(fieldMessage({ path: ['x'], message: 'the server message' }, tRu, 'consent-immutable')).toBe('the server message');
  });
});
