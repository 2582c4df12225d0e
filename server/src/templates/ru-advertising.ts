/**
 * Russia: prior consent to receive advertising over telecommunication networks (e-mail, SMS, calls),
 * Federal Law 38-FZ of 13.03.2006 "On Advertising", art. 18 p.1.
 *
 * A document of its own, apart from the personal-data consent (152-FZ as amended from 1 Sept 2025 wants the
 * PD consent separate, and practice reads it as not bundled with an advertising consent). It names the
 * distributor, the channels, the contact data used, what the messages are about, the term, and how to opt
 * out, after which sending must stop at once.
 */
import { list, p, section } from './blocks';
import type { AdChannel } from '../../../shared/contracts/choices';
import {
  dataSection,
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
        'Реклама направляется на адрес электронной почты и (или) номер телефона, которые я указываю в форме, ',
        'в которой дается настоящее согласие. Перечень полей этой формы сохраняется вместе с записью о согласии.',
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
);
