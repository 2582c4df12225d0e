/**
 * Russia: consent to the processing of personal data the person allows to be distributed (made public),
 * Federal Law 152-FZ of 27.07.2006, art. 10.1, with the content Roskomnadzor Order No. 18 of 24.02.2021
 * lists: the subject's name and contacts (typed into the form, kept with the record), the operator's
 * name, address, INN and OGRN, the operator's web resources where the data are published, the purposes,
 * the categories of data with the person's choice for each, the prohibitions and conditions, the term.
 *
 * A document of its own: art. 10.1 wants it apart from every other consent. The person allows or
 * prohibits each category separately (the form asks, the record keeps each choice): silence or inaction
 * is not consent to distribution.
 *
 * Its English text states the same, for a person who reads English; it says that the consent is given
 * under Russian law and that the English text is there for the person's understanding.
 */
import { clean, list, p, pIf, section } from './blocks';
import { categoryTitle, type DistributionProhibition } from '../../../shared/contracts/choices';
import type { RenderContext } from './types';
import {
  contactParagraph,
  enGivenUnder,
  enOperatorOnTerms,
  operatorSection,
  purposesSection,
  ruOperatorOnTerms,
  standardTemplate,
  validitySection,
} from './sections';

/** What each prohibition or condition the operator states reads like (152-FZ art. 10.1; RKN Order No. 18 items 7–8). */
const RU_PROHIBITIONS: Record<DistributionProhibition, string> = {
  'no-transfer': 'запрещается передача (кроме предоставления доступа) моих персональных данных Оператором неограниченному кругу лиц',
  'no-processing': 'запрещается обработка (кроме получения доступа) моих персональных данных неограниченным кругом лиц',
  'internal-network-only':
    'полученные персональные данные передаются Оператором только по его внутренней сети, обеспечивающей доступ к ним лишь строго определенным работникам',
};

/** The same prohibitions and condition in the English text. */
const EN_PROHIBITIONS: Record<DistributionProhibition, string> = {
  'no-transfer': 'the transfer (other than giving access) of my personal data by the Operator to an unlimited circle of persons is prohibited',
  'no-processing': 'the processing (other than gaining access) of my personal data by an unlimited circle of persons is prohibited',
  'internal-network-only':
    "the personal data received are transferred by the Operator only over its internal network, which gives access to them only to strictly designated employees",
};

/** The English text: every section and condition of the Russian one, in the same order. */
const englishBlocks = (ctx: RenderContext) => {
  const d = ctx.distribution ?? { categories: [], resources: [] };
  const resources = d.resources.map(clean).filter(Boolean);
  const prohibitions = (d.prohibitions ?? []).map((code, i, all) => `${EN_PROHIBITIONS[code]}${i === all.length - 1 ? '.' : ';'}`);
  // The editor's conditions may end with a full stop of their own; the sentence adds one.
  const conditions = clean(d.conditions).replace(/[.\s]+$/, '');
  return [
    p(
      'In accordance with Article 10.1 of Federal Law No. 152-FZ of 27.07.2006 "On Personal Data", I, the data subject, ',
      'of my own will and in my own interest, give my consent to the processing of my personal data that I allow to be ',
      'distributed (disclosed to an unlimited circle of persons) ',
      ...enOperatorOnTerms(ctx, 'by the operator'),
    ),
    enGivenUnder('Russian law (Federal Law No. 152-FZ of 27.07.2006 "On Personal Data")'),
    p(
      'This consent is drawn up separately from my other consents to the processing of my personal data. Silence or ',
      'inaction is not consent to distribution: distribution is allowed only for the categories of personal data that ',
      'I have separately marked in the form as allowed.',
    ),
    p(
      'My surname, first name, patronymic (if any) and contact information (phone number, e-mail address or postal ',
      'address) are entered by me in the form in which this consent is given, and are kept by the Operator together ',
      'with the record of the consent.',
    ),
    operatorSection(ctx, 'en', 'Operator'),
    section(
      "The Operator's web resources",
      list(resources, {
        intro: [
          'Access to my personal data by an unlimited circle of persons, and other actions with them, are provided through ',
          'the following web resources of the Operator:',
        ],
      }),
    ),
    purposesSection(ctx, 'en', 'Purposes of processing', 'The personal data are distributed for the following purposes:'),
    section(
      'Categories of personal data and my choice',
      list(
        d.categories.map((c) => categoryTitle(c, 'en')),
        { intro: ['For each of the following categories of personal data I state separately whether I allow it to be distributed:'] },
      ),
      p(
        'My choice for each category (allowed or prohibited) is kept together with the record of the consent. ',
        'The categories I have not allowed to be distributed are processed by the Operator without the right to distribute them.',
      ),
    ),
    section(
      'Conditions and prohibitions',
      list(prohibitions, { intro: ['As regards the personal data I allow to be distributed:'] }),
      pIf([conditions], 'Other conditions of processing: ', conditions, '.'),
      p(
        'No later than three working days after receiving this consent, the Operator publishes information on the ',
        'conditions of processing and on any prohibitions and conditions on the processing by an unlimited circle of ',
        'persons of my personal data allowed for distribution.',
      ),
    ),
    validitySection(
      ctx,
      'en',
      'Validity of the consent and ending the distribution',
      p(
        'You may at any time demand that the transfer (distribution, provision, access) of your personal data allowed ',
        'for distribution be stopped, stating in the demand your surname, first name, patronymic (if any), contact ',
        'information and the list of personal data whose processing is to be stopped.',
      ),
      contactParagraph(ctx, 'en', 'The demand is sent to the Operator '),
      p(
        'The Operator stops the transfer (distribution, provision, access) of your personal data no later than three ',
        'working days after receiving such a demand.',
      ),
    ),
  ];
};

export const ruDistribution = standardTemplate(
  {
    id: 'ru-distribution',
    country: 'RU',
    language: 'ru',
    title: 'Russia: consent to distribution of personal data (152-FZ art. 10.1)',
    law: '152-FZ art. 10.1',
    defaultLabel: 'Я даю [согласие на распространение моих персональных данных] в отмеченном мной объеме',
    defaultPurposes: ['publication'],
  },
  'Согласие на обработку персональных данных, разрешенных субъектом персональных данных для распространения',
  (ctx) => {
    const d = ctx.distribution ?? { categories: [], resources: [] };
    const resources = d.resources.map(clean).filter(Boolean);
    const prohibitions = (d.prohibitions ?? []).map((code, i, all) => `${RU_PROHIBITIONS[code]}${i === all.length - 1 ? '.' : ';'}`);
    return [
      p(
        'В соответствии со статьей 10.1 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных» я, ',
        'субъект персональных данных, своей волей и в своем интересе даю согласие на обработку моих персональных ',
        'данных, разрешенных мной для распространения (раскрытия неопределенному кругу лиц), ',
        ...ruOperatorOnTerms(ctx, 'оператору'),
      ),
      p(
        'Настоящее согласие оформлено отдельно от иных согласий на обработку моих персональных данных. Молчание ',
        'или бездействие не считается согласием на распространение: распространение разрешается только для тех ',
        'категорий персональных данных, которые я отдельно отметил(-а) в форме как разрешенные.',
      ),
      p(
        'Мои фамилия, имя, отчество (при наличии) и контактная информация (номер телефона, адрес электронной почты ',
        'или почтовый адрес) указываются мной в форме, в которой дается настоящее согласие, и сохраняются Оператором ',
        'вместе с записью о согласии.',
      ),
      operatorSection(ctx, 'ru', 'Оператор'),
      section(
        'Информационные ресурсы Оператора',
        list(resources, {
          intro: [
            'Предоставление доступа неограниченному кругу лиц к моим персональным данным и иные действия с ними ',
            'осуществляются посредством следующих информационных ресурсов Оператора:',
          ],
        }),
      ),
      purposesSection(ctx, 'ru', 'Цели обработки персональных данных', 'Персональные данные распространяются в следующих целях:'),
      section(
        'Категории персональных данных и мой выбор',
        list(
          d.categories.map((c) => categoryTitle(c, 'ru')),
          { intro: ['Для каждой из следующих категорий персональных данных я отдельно указываю, разрешаю ли я ее распространение:'] },
        ),
        p(
          'Мой выбор по каждой категории (разрешено или запрещено) сохраняется вместе с записью о согласии. ',
          'Категории, распространение которых я не разрешил(-а), Оператор обрабатывает без права распространения.',
        ),
      ),
      section(
        'Условия и запреты',
        list(prohibitions, { intro: ['В отношении разрешенных мной для распространения персональных данных:'] }),
        pIf([d.conditions], 'Иные условия обработки: ', clean(d.conditions), '.'),
        p(
          'Оператор не позднее трех рабочих дней с момента получения настоящего согласия публикует информацию ',
          'об условиях обработки и о наличии запретов и условий на обработку неограниченным кругом лиц моих ',
          'персональных данных, разрешенных для распространения.',
        ),
      ),
      validitySection(
        ctx,
        'ru',
        'Срок действия согласия и прекращение распространения',
        p(
          'Я вправе в любой момент потребовать прекратить передачу (распространение, предоставление, доступ) моих ',
          'персональных данных, разрешенных для распространения, указав в требовании фамилию, имя, отчество (при ',
          'наличии), контактную информацию и перечень персональных данных, обработка которых подлежит прекращению.',
        ),
        contactParagraph(ctx, 'ru', 'Требование направляется Оператору '),
        p(
          'Оператор прекращает передачу (распространение, предоставление, доступ) моих персональных данных не позднее ',
          'трех рабочих дней с момента получения такого требования.',
        ),
      ),
    ];
  },
  {
    en: {
      title: 'Consent to the processing of personal data allowed by the data subject for distribution',
      blocks: englishBlocks,
    },
  },
);
