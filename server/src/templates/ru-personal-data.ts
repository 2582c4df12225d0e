/**
 * Russia: consent to personal-data processing, Federal Law 152-FZ of 27.07.2006, art. 9.
 *
 * Covers every item of art. 9 p.4 that applies to a consent given on a web form: the operator's name and
 * address (with INN/OGRN), purposes, the list of data, the list of actions and the methods, the persons
 * processing on the operator's behalf, the term and the way to withdraw; and the qualities of art. 9 p.1.
 * The subject's own details are those entered in the form, kept with the consent record. Since 1 Sept 2025
 * the consent is a separate document: it mentions no advertising (see ru-advertising.ts) and allows no
 * distribution to the public (art. 10.1 wants its own consent).
 */
import { p, section } from './blocks';
import {
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
);
