/**
 * Russia: prior consent to receive advertising over telecommunication networks (e-mail, SMS, calls),
 * Federal Law 38-FZ of 13.03.2006 "On Advertising", art. 18 p.1.
 *
 * A document of its own, apart from the personal-data consent (152-FZ as amended from 1 Sept 2025 wants the
 * PD consent separate, and practice reads it as not bundled with an advertising consent). It names the
 * distributor, the channels, the contact data used, what the messages are about, the term, and how to opt
 * out, after which sending must stop at once.
 *
 * Its English text states the same, for a person who reads English; it says that the consent is given
 * under Russian law and that the English text is there for the person's understanding.
 */
import { list, p, section } from './blocks';
import type { AdChannel } from '../../../shared/contracts/choices';
import type { RenderContext } from './types';
import {
  dataSection,
  enGivenUnder,
  enOperatorOnTerms,
  enWithdrawal,
  operatorSection,
  purposesSection,
  recipientsSection,
  ruOperatorOnTerms,
  ruWithdrawal,
  standardTemplate,
  validitySection,
} from './sections';

/** How each channel a version offers reads in the list of ways (38-FZ art. 18 p.1: per network). */
const RU_CHANNELS: Record<AdChannel, string> = {
  email: 'сообщения на адрес электронной почты',
  sms: 'SMS-сообщения на номер телефона',
  phone: 'телефонные звонки на номер телефона',
  messengers: 'сообщения в мессенджерах, привязанных к номеру телефона',
  push: 'push-уведомления в браузере или мобильном приложении',
};

/** The same ways in the English text. */
const EN_CHANNELS: Record<AdChannel, string> = {
  email: 'messages to the e-mail address',
  sms: 'SMS messages to the phone number',
  phone: 'phone calls to the phone number',
  messengers: 'messages in messengers linked to the phone number',
  push: 'push notifications in a browser or a mobile app',
};

/** The English text: every section and condition of the Russian one, in the same order. */
const englishBlocks = (ctx: RenderContext) => [
  p(
    'In accordance with part 1 of Article 18 of Federal Law No. 38-FZ of 13.03.2006 "On Advertising", I give my ',
    'prior consent to receive advertising over telecommunication networks from ',
    ...enOperatorOnTerms(ctx, 'the advertising distributor'),
  ),
  enGivenUnder('Russian law (Federal Law No. 38-FZ of 13.03.2006 "On Advertising")'),
  p(
    'This consent is given separately from the consent to the processing of personal data and from any other ',
    "document. I am free not to give it: refusing does not affect my receiving the Operator's goods and services.",
  ),
  operatorSection(ctx, 'en', 'Advertising distributor'),
  ctx.channels?.length
    ? section(
        'Ways advertising is sent',
        list(ctx.channels.map((c, i, all) => `${EN_CHANNELS[c]}${i === all.length - 1 ? '.' : ';'}`), {
          intro: ['The following ways of receiving advertising are offered to me; the consent covers only those I have ticked separately:'],
        }),
        p('The ways I choose are kept together with the record of the consent. No consent is given for a way I have not ticked.'),
      )
    : section(
        'Ways advertising is sent',
        list(['messages to the e-mail address;', 'SMS and other messages to the phone number;', 'phone calls.'], {
          intro: ['Advertising may be sent to me in the following ways:'],
        }),
      ),
  dataSection(
    ctx,
    'Contact data used to send advertising',
    'Advertising is sent using the following data of mine:',
    [
      'the e-mail address and/or the phone number I enter in the fields of the form in which I give this consent ',
      '(the list of those fields is kept together with the record of the consent).',
    ],
    p('These data are processed to send advertising on the basis of my separate consent to the processing of personal data.'),
  ),
  purposesSection(
    ctx,
    'en',
    'Content of the messages',
    'The messages are sent for the following purposes:',
    p("The messages may contain information about the Operator's goods, works, services, promotions, discounts and events."),
  ),
  recipientsSection(ctx, 'en', 'Persons involved in sending', ['The Operator may engage the following persons to send the messages:']),
  validitySection(
    ctx,
    'en',
    'Validity and opting out of advertising',
    enWithdrawal(
      ctx,
      'You may opt out of receiving advertising at any time ',
      ', and also in the way stated in the advertising message itself, if it provides one.',
    ),
    p('On receiving your opt-out, the Operator immediately stops sending you advertising.'),
  ),
];

export const ruAdvertising = standardTemplate(
  {
    id: 'ru-advertising',
    country: 'RU',
    language: 'ru',
    title: 'Russia: consent to receive advertising (38-FZ)',
    law: '38-FZ art. 18',
    defaultLabel: 'Я даю [согласие на получение рекламных рассылок]',
    defaultPurposes: ['newsletters-advertising'],
  },
  'Согласие на получение рекламы',
  (ctx) => [
    p(
      'В соответствии с частью 1 статьи 18 Федерального закона от 13.03.2006 № 38-ФЗ «О рекламе» я даю ',
      'предварительное согласие на получение рекламы по сетям электросвязи от ',
      ...ruOperatorOnTerms(ctx, 'рекламораспространителя'),
    ),
    p(
      'Настоящее согласие дается отдельно от согласия на обработку персональных данных и от иных документов. ',
      'Я вправе его не давать: отказ не влияет на получение мной товаров и услуг Оператора.',
    ),
    operatorSection(ctx, 'ru', 'Рекламораспространитель'),
    ctx.channels?.length
      ? section(
          'Способы направления рекламы',
          list(ctx.channels.map((c, i, all) => `${RU_CHANNELS[c]}${i === all.length - 1 ? '.' : ';'}`), {
            intro: ['Мне предлагаются следующие способы получения рекламы; согласие дается только на те из них, которые я отметил(-а) отдельно:'],
          }),
          p('Выбранные мной способы сохраняются вместе с записью о согласии. Согласие на способ, который я не отметил(-а), не дается.'),
        )
      : section(
          'Способы направления рекламы',
          list(['сообщения на адрес электронной почты;', 'SMS-сообщения и иные сообщения на номер телефона;', 'телефонные звонки.'], {
            intro: ['Реклама может направляться мне следующими способами:'],
          }),
        ),
    dataSection(
      ctx,
      'Контактные данные для направления рекламы',
      'Реклама направляется с использованием следующих моих данных:',
      [
        'адрес электронной почты и (или) номер телефона, которые я указываю в полях формы, в которой дается ',
        'настоящее согласие (перечень этих полей сохраняется вместе с записью о согласии).',
      ],
      p(
        'Обработка этих данных для направления рекламы ведется на основании моего отдельного согласия на ',
        'обработку персональных данных.',
      ),
    ),
    purposesSection(
      ctx,
      'ru',
      'Содержание сообщений',
      'Сообщения направляются в следующих целях:',
      p('Сообщения могут содержать сведения о товарах, работах, услугах, акциях, скидках и мероприятиях Оператора.'),
    ),
    recipientsSection(ctx, 'ru', 'Лица, привлекаемые к рассылке', ['Для направления сообщений Оператор может привлекать следующих лиц:']),
    validitySection(
      ctx,
      'ru',
      'Срок действия и отказ от получения рекламы',
      ruWithdrawal(
        ctx,
        'Я вправе в любой момент отказаться от получения рекламы, ',
        ', а также способом, указанным в самом рекламном сообщении, если он в нем предусмотрен.',
      ),
      p('Получив мой отказ, Оператор немедленно прекращает направление мне рекламы.'),
    ),
  ],
  { en: { title: 'Consent to receive advertising', blocks: englishBlocks } },
);
