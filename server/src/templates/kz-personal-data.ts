/**
 * Kazakhstan: consent to the collection and processing of personal data, Law No. 94-V of 21.05.2013
 * "On Personal Data and Their Protection", art. 8.
 *
 * Art. 8 p.4 lists what the consent states: the operator's name and BIN/IIN, the subject's name (entered in
 * the form, kept with the record), the term, whether data goes to third parties, whether it crosses the
 * border, whether it is published in public sources, and the list of data. The three "whether" statements
 * are always present and say "не осуществляется" when the answer is no: a "no" is something to say.
 *
 * Languages: Russian (its own; an official language of Kazakhstan, used on a par with the state language)
 * and English, which states the same and says which law the consent is given under. There is no Kazakh
 * text: we have no authoritative one, and a Kazakh text of our own making would be a guess at the legal
 * wording, not something to ask people to consent to.
 */
import { list, p, section } from './blocks';
import { countriesText, thirdPartyItems } from './common';
import type { RenderContext } from './types';
import {
  enDataSection,
  enGivenUnder,
  enOperatorOnTerms,
  enWithdrawal,
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

/** The same actions in English. */
export const EN_KZ_PD_ACTIONS =
  'collection, accumulation, storage, modification, supplementing, use, depersonalisation, blocking, destruction';

/** The English text: every section and statement of the Russian one, in the same order. */
const englishBlocks = (ctx: RenderContext) => {
  const countries = countriesText(ctx);
  const recipients = thirdPartyItems(ctx, 'en');
  return [
    p(
      'In accordance with Article 8 of the Law of the Republic of Kazakhstan No. 94-V of 21 May 2013 "On Personal Data ',
      'and Their Protection", I, the data subject, give my consent to the collection and processing of my personal data ',
      ...enOperatorOnTerms(ctx, 'by the operator'),
    ),
    p(
      'The consent is given electronically, by submitting the form on the website with the consent box ticked. My ',
      'surname, first name, patronymic (if any) and the other details I enter in that form are kept by the Operator ',
      'together with the record of the consent.',
    ),
    enGivenUnder('the law of the Republic of Kazakhstan (Law No. 94-V of 21 May 2013 "On Personal Data and Their Protection")'),
    operatorSection(ctx, 'en', 'Operator'),
    enDataSection(ctx, 'Personal data collected', 'collection and processing'),
    purposesSection(ctx, 'en', 'Purposes of collection and processing', 'Personal data are collected and processed for the following purposes:'),
    section(
      'Actions with personal data',
      p(`This consent covers the following actions with personal data: ${EN_KZ_PD_ACTIONS}.`),
      p('Processing is carried out with and without the use of automation tools.'),
    ),
    section(
      'Transfer to third parties, cross-border transfer and publication',
      recipients.length
        ? list(recipients, { intro: ['Transfer of personal data to third parties: yes, to the following persons:'] })
        : p('Transfer of personal data to third parties: no.'),
      countries
        ? p('Cross-border transfer of personal data: yes, to the following countries: ', countries, '.')
        : p('Cross-border transfer of personal data: no.'),
      ctx.publicSources
        ? p('Publication of personal data in publicly available sources: yes.')
        : p('Publication of personal data in publicly available sources: no.'),
    ),
    validitySection(
      ctx,
      'en',
      'Validity and withdrawal of the consent',
      enWithdrawal(ctx, 'You may withdraw this consent '),
      p(
        'The consent cannot be withdrawn where this would contradict the laws of the Republic of Kazakhstan or while an ',
        'obligation remains unfulfilled. Once the consent is withdrawn, the Operator stops collecting and processing the ',
        'personal data, except where this may continue without consent on grounds provided by law.',
      ),
    ),
  ];
};

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
  { en: { title: 'Consent to the collection and processing of personal data', blocks: englishBlocks } },
);
