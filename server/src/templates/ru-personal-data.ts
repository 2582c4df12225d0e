/**
 * Russia: consent to personal-data processing, Federal Law 152-FZ of 27.07.2006, art. 9.
 *
 * Covers every item of art. 9 p.4 that applies to a consent given on a web form: the operator's name and
 * address (with INN/OGRN), purposes, the list of data, the list of actions and the methods, the persons
 * processing on the operator's behalf, the term and the way to withdraw; and the qualities of art. 9 p.1.
 * The subject's own details are those entered in the form, kept with the consent record. Since 1 Sept 2025
 * the consent is a separate document: it mentions no advertising (see ru-advertising.ts) and allows no
 * distribution to the public (art. 10.1 wants its own consent).
 *
 * Its English text states the same, for a person who reads English; it says that the consent is given
 * under Russian law and that the English text is there for the person's understanding.
 */
import { p, section } from './blocks';
import type { RenderContext } from './types';
import {
  enGivenUnder,
  enOperatorOnTerms,
  enPersonalDataBasics,
  enTransferCountries,
  enWithdrawal,
  recipientsSection,
  ruOperatorOnTerms,
  ruPersonalDataBasics,
  ruTransferCountries,
  ruWithdrawal,
  standardTemplate,
  transferSection,
  validitySection,
} from './sections';

/** Art. 3 p.3 of 152-FZ names these actions; distribution is deliberately left out. */
export const RU_PD_ACTIONS =
  'сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, ' +
  'использование, передача (предоставление, доступ), обезличивание, блокирование, удаление, уничтожение';

/** The same actions in English. */
export const EN_RU_PD_ACTIONS =
  'collection, recording, systematisation, accumulation, storage, clarification (updating, modification), retrieval, ' +
  'use, transfer (provision, access), depersonalisation, blocking, deletion, destruction';

/** The English text: every section and condition of the Russian one, in the same order. */
const englishBlocks = (ctx: RenderContext) => [
  p(
    'I, the data subject, in accordance with Article 9 of Federal Law No. 152-FZ of 27.07.2006 "On Personal Data", ',
    'freely, of my own will and in my own interest, give my consent to the processing of my personal data ',
    ...enOperatorOnTerms(ctx, 'by the operator'),
    ' This consent is specific, substantive, informed, conscious and unambiguous.',
  ),
  p(
    'The consent is given electronically: by submitting the form on the website with the consent box ticked, I confirm ',
    'that I have read its text and accept it. The details about me that I enter in that form are kept by the Operator ',
    'together with the record of the consent.',
  ),
  enGivenUnder('Russian law (Federal Law No. 152-FZ of 27.07.2006 "On Personal Data")'),
  ...enPersonalDataBasics(ctx),
  section(
    'Actions with personal data and methods of processing',
    p(`This consent covers the following actions with personal data: ${EN_RU_PD_ACTIONS}.`),
    p(
      'Processing is mixed: with and without the use of automation tools, with or without transfer over ',
      'information and telecommunication networks.',
    ),
    p('This consent does not allow distribution of personal data (disclosure to an unlimited circle of persons).'),
  ),
  recipientsSection(ctx, 'en', "Persons processing personal data on the Operator's behalf and recipients of personal data", [
    'The Operator may entrust the processing of personal data to the following persons, or provide personal data ',
    'to them to the extent necessary for the purposes stated:',
  ]),
  transferSection(ctx, 'Cross-border transfer', (countries) => [enTransferCountries(countries)]),
  validitySection(
    ctx,
    'en',
    'Validity and withdrawal of the consent',
    enWithdrawal(ctx, 'You may withdraw this consent at any time '),
    p(
      'Once the consent is withdrawn or expires, or the purposes of processing are achieved, the Operator stops ',
      'processing the personal data and destroys them within the periods set by Federal Law No. 152-FZ. ',
      'The Operator may continue processing without consent only on the grounds listed in items 2–11 of part 1 ',
      'of Article 6, part 2 of Article 10 and part 2 of Article 11 of Federal Law No. 152-FZ.',
    ),
  ),
  section(
    'Rights of the data subject',
    p(
      'You have the right to receive information about the processing of your personal data; to demand that they be ',
      'clarified, blocked or destroyed if they are incomplete, outdated, inaccurate, unlawfully obtained or not necessary ',
      "for the stated purpose of processing; and to appeal against the Operator's actions or inaction to the authorised ",
      'body for the protection of the rights of personal data subjects or to a court.',
    ),
  ),
];

export const ruPersonalData = standardTemplate(
  {
    id: 'ru-personal-data',
    country: 'RU',
    language: 'ru',
    title: 'Russia: consent to personal data processing (152-FZ)',
    law: '152-FZ art. 9',
    defaultLabel: 'Я даю [согласие на обработку моих персональных данных]',
    defaultPurposes: ['service-provision', 'reply-to-requests'],
  },
  'Согласие на обработку персональных данных',
  (ctx) => [
    p(
      'Я, субъект персональных данных, в соответствии со статьей 9 Федерального закона от 27.07.2006 № 152-ФЗ ',
      '«О персональных данных» свободно, своей волей и в своем интересе даю согласие на обработку моих ',
      'персональных данных ',
      ...ruOperatorOnTerms(ctx, 'оператору'),
      ' Настоящее согласие является конкретным, предметным, информированным, ',
      'сознательным и однозначным.',
    ),
    p(
      'Согласие дается в электронной форме: отправляя форму на сайте с отмеченным полем согласия, я подтверждаю, ',
      'что ознакомился(-ась) с его текстом и принимаю его. Сведения обо мне, которые я указываю в этой форме, ',
      'сохраняются Оператором вместе с записью о согласии.',
    ),
    ...ruPersonalDataBasics(ctx),
    section(
      'Действия с персональными данными и способы обработки',
      p(`Согласие дается на совершение следующих действий с персональными данными: ${RU_PD_ACTIONS}.`),
      p(
        'Обработка осуществляется смешанным способом: с использованием средств автоматизации и без их ',
        'использования, с передачей по информационно-телекоммуникационным сетям или без таковой.',
      ),
      p('Распространение персональных данных (раскрытие неопределенному кругу лиц) настоящим согласием не разрешается.'),
    ),
    recipientsSection(ctx, 'ru', 'Лица, осуществляющие обработку по поручению Оператора, и получатели персональных данных', [
      'Оператор вправе поручить обработку персональных данных следующим лицам либо предоставить им ',
      'персональные данные в объеме, необходимом для достижения указанных целей:',
    ]),
    transferSection(ctx, 'Трансграничная передача', (countries) => [ruTransferCountries(countries)]),
    validitySection(
      ctx,
      'ru',
      'Срок действия и порядок отзыва согласия',
      ruWithdrawal(ctx, 'Я вправе в любой момент отозвать настоящее согласие, '),
      p(
        'После отзыва согласия, истечения срока его действия или достижения целей обработки Оператор прекращает ',
        'обработку персональных данных и уничтожает их в сроки, установленные Федеральным законом № 152-ФЗ. ',
        'Оператор вправе продолжить обработку без согласия только при наличии оснований, указанных в пунктах 2–11 ',
        'части 1 статьи 6, части 2 статьи 10 и части 2 статьи 11 Федерального закона № 152-ФЗ.',
      ),
    ),
    section(
      'Права субъекта персональных данных',
      p(
        'Я вправе получать информацию, касающуюся обработки моих персональных данных, требовать их уточнения, ',
        'блокирования или уничтожения, если они неполные, устаревшие, неточные, незаконно получены или не являются ',
        'необходимыми для заявленной цели обработки, а также обжаловать действия или бездействие Оператора ',
        'в уполномоченный орган по защите прав субъектов персональных данных или в суд.',
      ),
    ),
  ],
  { en: { title: 'Consent to the processing of personal data', blocks: englishBlocks } },
);
