/**
 * Kazakhstan: consent to the collection and processing of personal data, Law No. 94-V of 21.05.2013
 * "On Personal Data and Their Protection", art. 8.
 *
 * Art. 8 p.4 lists what the consent states: the operator's name and BIN/IIN, the subject's name (entered in
 * the form, kept with the record), the term, whether data goes to third parties, whether it crosses the
 * border, whether it is published in public sources, and the list of data. The three "whether" statements
 * are always present and say "не осуществляется" when the answer is no: a "no" is something to say.
 */
import { list, p, section } from './blocks';
import { countriesText, thirdPartyItems } from './common';
import {
  operatorSection,
  purposesSection,
  ruDataSection,
  ruOperatorOnTerms,
  ruWithdrawal,
  standardTemplate,
  validitySection,
} from './sections';

/** Processing as Law 94-V art. 1 defines it (with collection), without distribution. */
export const KZ_PD_ACTIONS = 'сбор, накопление, хранение, изменение, дополнение, использование, обезличивание, блокирование, уничтожение';

export const kzPersonalData = standardTemplate(
  {
    id: 'kz-personal-data',
    country: 'KZ',
    language: 'ru',
    title: 'Kazakhstan: consent to personal data collection and processing (Law 94-V)',
    law: 'Law of the Republic of Kazakhstan No. 94-V of 21.05.2013, art. 8',
    defaultLabel: 'Я даю [согласие на сбор и обработку моих персональных данных]',
    defaultPurposes: ['service-provision', 'reply-to-requests'],
  },
  'Согласие на сбор и обработку персональных данных',
  (ctx) => {
    const countries = countriesText(ctx);
    const recipients = thirdPartyItems(ctx, 'ru');
    return [
      p(
        'В соответствии со статьей 8 Закона Республики Казахстан от 21 мая 2013 года № 94-V «О персональных данных ',
        'и их защите» я, субъект персональных данных, даю согласие на сбор и обработку моих персональных данных ',
        ...ruOperatorOnTerms(ctx, 'оператору'),
      ),
      p(
        'Согласие дается в электронной форме: отправкой формы на сайте с отмеченным полем согласия. Мои фамилия, ',
        'имя, отчество (при наличии) и иные сведения, которые я указываю в этой форме, сохраняются Оператором ',
        'вместе с записью о согласии.',
      ),
      operatorSection(ctx, 'ru', 'Оператор'),
      ruDataSection(ctx, 'Перечень собираемых персональных данных', 'сбор и обработку'),
      purposesSection(ctx, 'ru', 'Цели сбора и обработки', 'Персональные данные собираются и обрабатываются в следующих целях:'),
      section(
        'Действия с персональными данными',
        p(`Согласие дается на следующие действия с персональными данными: ${KZ_PD_ACTIONS}.`),
        p('Обработка осуществляется с использованием средств автоматизации и без их использования.'),
      ),
      section(
        'Передача третьим лицам, трансграничная передача и распространение',
        recipients.length
          ? list(recipients, { intro: ['Передача персональных данных третьим лицам: осуществляется следующим лицам:'] })
          : p('Передача персональных данных третьим лицам: не осуществляется.'),
        countries
          ? p('Трансграничная передача персональных данных: осуществляется в следующие государства: ', countries, '.')
          : p('Трансграничная передача персональных данных: не осуществляется.'),
        ctx.publicSources
          ? p('Распространение персональных данных в общедоступных источниках: осуществляется.')
          : p('Распространение персональных данных в общедоступных источниках: не осуществляется.'),
      ),
      validitySection(
        ctx,
        'ru',
        'Срок действия и отзыв согласия',
        ruWithdrawal(ctx, 'Я вправе отозвать настоящее согласие, '),
        p(
          'Согласие не может быть отозвано, если это противоречит законам Республики Казахстан либо при наличии ',
          'неисполненного обязательства. После отзыва согласия Оператор прекращает сбор и обработку персональных ',
          'данных, кроме случаев, когда они могут продолжаться без согласия по основаниям, предусмотренным законом.',
        ),
      ),
    ];
  },
);
