/**
 * Belarus: consent to personal-data processing, Law No. 99-Z of 07.05.2021 "On Personal Data Protection".
 *
 * Before consent the operator must explain, simply and clearly, the subject's rights, how to exercise them
 * and the consequences of giving and of refusing consent: those three parts are always present. Written in
 * Russian, an official language of Belarus.
 *
 * Its English text states the same and says which law the consent is given under. There is no Belarusian
 * text: we have no authoritative one, and a Belarusian text of our own making would be a guess at the legal
 * wording, not something to ask people to consent to.
 */
import { list, p, pIf, section } from './blocks';
import type { RenderContext } from './types';
import {
  contactParagraph,
  enGivenUnder,
  enOperatorOnTerms,
  enPersonalDataBasics,
  enTransferCountries,
  recipientsSection,
  ruOperatorOnTerms,
  ruPersonalDataBasics,
  ruTransferCountries,
  standardTemplate,
  transferSection,
  validitySection,
} from './sections';

/** Processing as Law 99-Z art. 1 defines it, without distribution. */
export const BY_PD_ACTIONS =
  'сбор, систематизация, хранение, изменение, использование, обезличивание, блокирование, предоставление, удаление';

/** The same actions in English. */
export const EN_BY_PD_ACTIONS =
  'collection, systematisation, storage, modification, use, depersonalisation, blocking, provision, deletion';

/** The English text: every section and explanation of the Russian one, in the same order. */
const englishBlocks = (ctx: RenderContext) => [
  p(
    'In accordance with Law of the Republic of Belarus No. 99-Z of 07.05.2021 "On Personal Data Protection", I, the ',
    'data subject, freely, unambiguously and in an informed manner give my consent to the processing of my personal data ',
    ...enOperatorOnTerms(ctx, 'by the operator'),
  ),
  p(
    'Before obtaining my consent, the Operator explained to me my rights related to the processing of personal data, ',
    'how to exercise them, and the consequences of giving consent and of refusing to give it; this information is set ',
    'out in this document.',
  ),
  p(
    'The consent is given electronically, by submitting the form on the website with the consent box ticked. The ',
    'details about me that I enter in that form are kept by the Operator together with the record of the consent. ',
    'If the data subject is under sixteen, the consent is given by their legal representative.',
  ),
  enGivenUnder('the law of the Republic of Belarus (Law No. 99-Z of 07.05.2021 "On Personal Data Protection")'),
  ...enPersonalDataBasics(ctx),
  section(
    'Actions with personal data and methods of processing',
    p(`This consent covers the following actions with personal data: ${EN_BY_PD_ACTIONS}.`),
    p('Processing is carried out with and without the use of automation tools.'),
    p('This consent does not allow distribution of personal data.'),
  ),
  recipientsSection(ctx, 'en', 'Authorised persons and recipients of personal data', [
    'The Operator may entrust the processing of personal data to the following authorised persons, or provide ',
    'personal data to them to the extent necessary for the purposes stated:',
  ]),
  transferSection(ctx, 'Cross-border transfer', (countries) => [
    enTransferCountries(countries),
    [
      'If such a country does not ensure an adequate level of protection of the rights of personal data subjects, ',
      'I have been warned of the risks that may arise as a result.',
    ],
  ]),
  validitySection(ctx, 'en', 'Validity of the consent'),
  section(
    'Rights of the data subject',
    list(
      [
        'to withdraw their consent at any time without giving reasons;',
        "to receive information on the processing of their personal data: the Operator's name and location, the fact " +
          'of processing, the personal data themselves and their source, the legal grounds and purposes of processing, ' +
          'the term of the consent, the authorised persons;',
        'to receive information on the provision of their personal data to third parties, including authorised persons;',
        'to demand that the Operator amend their personal data if they are incomplete, outdated or inaccurate;',
        'to demand, free of charge, that the Operator stop processing their personal data, including deleting them, ' +
          'where there are no grounds for processing;',
        "to appeal against the Operator's actions (inaction) and decisions that violate their rights in the processing " +
          'of personal data to the authorised body for the protection of the rights of personal data subjects, in the ' +
          'prescribed manner.',
      ],
      { intro: ['The data subject has the right:'] },
    ),
  ),
  section(
    'How to exercise the rights and withdraw consent',
    list(
      [
        'surname, first name and patronymic (if any);',
        'address of residence (place of stay);',
        'date of birth;',
        'identification number (if there is none, the number of the identity document), if this information was ' +
          'given when consenting;',
        'the substance of the demands;',
        'a handwritten signature (for a written application) or an electronic digital signature (for an electronic document).',
      ],
      {
        intro: [
          'To exercise their rights, including to withdraw consent, the data subject submits to the Operator an ',
          'application in writing or as an electronic document, which contains:',
        ],
      },
    ),
    contactParagraph(ctx, 'en', 'The application is sent to the Operator '),
    p(
      'Consent may also be withdrawn in the form in which it was given. The Operator considers the application and ',
      'replies to it within the periods set by Law of the Republic of Belarus No. 99-Z.',
    ),
  ),
  section(
    'Consequences of giving consent and of refusing to give it',
    p(
      'By giving consent, I allow the Operator to process the personal data listed above for the purposes stated, for ',
      'the term of the consent or until it is withdrawn.',
    ),
    p(
      'I am free not to give consent. Refusing has no adverse consequences for me, except that the Operator will not ',
      'be able to process my personal data for the purposes that require consent and so will not be able to do what ',
      'the form is filled in for (for example, consider a request or provide a service) if that is impossible without ',
      'such processing.',
    ),
    p(
      'After consent is withdrawn, the Operator stops processing the personal data and deletes them, except where ',
      'processing may continue on other grounds provided by legislative acts. Withdrawal does not affect the ',
      'lawfulness of the processing carried out before it.',
    ),
  ),
];

export const byPersonalData = standardTemplate(
  {
    id: 'by-personal-data',
    country: 'BY',
    language: 'ru',
    title: 'Belarus: consent to personal data processing (Law 99-Z)',
    law: 'Law of the Republic of Belarus No. 99-Z of 07.05.2021',
    defaultLabel: 'Я ознакомлен(а) с разъяснением моих прав и даю [согласие на обработку моих персональных данных]',
    defaultPurposes: ['service-provision', 'reply-to-requests'],
  },
  'Согласие на обработку персональных данных',
  (ctx) => [
    p(
      'В соответствии с Законом Республики Беларусь от 07.05.2021 № 99-З «О защите персональных данных» я, ',
      'субъект персональных данных, свободно, однозначно и информированно даю согласие на обработку моих ',
      'персональных данных ',
      ...ruOperatorOnTerms(ctx, 'оператору'),
    ),
    p(
      'До получения согласия Оператор разъяснил мне мои права, связанные с обработкой персональных данных, ',
      'механизм их реализации, а также последствия дачи согласия и отказа в его даче; эти сведения изложены ',
      'в настоящем документе.',
    ),
    p(
      'Согласие дается в электронной форме: отправкой формы на сайте с отмеченным полем согласия. Сведения обо ',
      'мне, которые я указываю в этой форме, сохраняются Оператором вместе с записью о согласии. Если субъекту ',
      'персональных данных не исполнилось шестнадцати лет, согласие дает его законный представитель.',
    ),
    ...ruPersonalDataBasics(ctx),
    section(
      'Действия с персональными данными и способы обработки',
      p(`Согласие дается на следующие действия с персональными данными: ${BY_PD_ACTIONS}.`),
      p('Обработка осуществляется с использованием средств автоматизации и без их использования.'),
      p('Распространение персональных данных настоящим согласием не разрешается.'),
    ),
    recipientsSection(ctx, 'ru', 'Уполномоченные лица и получатели персональных данных', [
      'Оператор вправе поручить обработку персональных данных следующим уполномоченным лицам либо ',
      'предоставить им персональные данные в объеме, необходимом для достижения указанных целей:',
    ]),
    transferSection(ctx, 'Трансграничная передача', (countries) => [
      ruTransferCountries(countries),
      [
        'Если в таком государстве не обеспечивается надлежащий уровень защиты прав субъектов персональных данных, ',
        'я предупрежден(а) о рисках, которые могут возникнуть в связи с этим.',
      ],
    ]),
    validitySection(ctx, 'ru', 'Срок действия согласия'),
    section(
      'Права субъекта персональных данных',
      list(
        [
          'в любое время без объяснения причин отозвать свое согласие;',
          'получать информацию, касающуюся обработки своих персональных данных: о наименовании и месте нахождения ' +
            'Оператора, о факте обработки, о самих персональных данных и источнике их получения, о правовых ' +
            'основаниях и целях обработки, о сроке действия согласия, об уполномоченных лицах;',
          'получать информацию о предоставлении своих персональных данных третьим лицам, в том числе уполномоченным лицам;',
          'требовать от Оператора внесения изменений в свои персональные данные, если они являются неполными, ' +
            'устаревшими или неточными;',
          'требовать от Оператора бесплатного прекращения обработки своих персональных данных, включая их удаление, ' +
            'при отсутствии оснований для обработки;',
          'обжаловать действия (бездействие) и решения Оператора, нарушающие его права при обработке персональных ' +
            'данных, в уполномоченный орган по защите прав субъектов персональных данных в установленном порядке.',
        ],
        { intro: ['Субъект персональных данных вправе:'] },
      ),
    ),
    section(
      'Порядок реализации прав и отзыва согласия',
      list(
        [
          'фамилию, собственное имя, отчество (если таковое имеется);',
          'адрес места жительства (места пребывания);',
          'дату рождения;',
          'идентификационный номер (при его отсутствии — номер документа, удостоверяющего личность), если эти ' +
            'сведения указывались при даче согласия;',
          'изложение сути требований;',
          'личную подпись (для заявления в письменной форме) либо электронную цифровую подпись (для электронного документа).',
        ],
        {
          intro: [
            'Для реализации своих прав, в том числе для отзыва согласия, субъект персональных данных подает ',
            'Оператору заявление в письменной форме или в виде электронного документа, которое содержит:',
          ],
        },
      ),
      contactParagraph(ctx, 'ru', 'Заявление направляется Оператору '),
      p(
        'Отозвать согласие можно также в той форме, в которой оно было получено. Оператор рассматривает заявление ',
        'и отвечает на него в сроки, установленные Законом Республики Беларусь № 99-З.',
      ),
    ),
    section(
      'Последствия дачи согласия и отказа в его даче',
      p(
        'Дав согласие, я разрешаю Оператору обрабатывать указанные персональные данные в указанных целях ',
        'в течение срока действия согласия или до его отзыва.',
      ),
      p(
        'Я вправе не давать согласие. Отказ в даче согласия не влечет для меня неблагоприятных последствий, ',
        'кроме того, что Оператор не сможет обрабатывать мои персональные данные в целях, для которых требуется ',
        'согласие, и, следовательно, не сможет выполнить действия, ради которых заполняется форма (например, ',
        'рассмотреть обращение или оказать услугу), если они без такой обработки невозможны.',
      ),
      p(
        'После отзыва согласия Оператор прекращает обработку персональных данных и удаляет их, кроме случаев, когда ',
        'обработка может продолжаться на иных основаниях, предусмотренных законодательными актами. Отзыв согласия ',
        'не влияет на законность обработки, осуществленной до отзыва.',
      ),
    ),
  ],
  { en: { title: 'Consent to the processing of personal data', blocks: englishBlocks } },
);
