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
 */
import { clean, list, p, pIf, section } from './blocks';
import { categoryTitle, type DistributionProhibition } from '../../../shared/contracts/choices';
import { contactParagraph, operatorSection, purposesSection, ruOperatorOnTerms, standardTemplate, validitySection } from './sections';

/** What each prohibition or condition the operator states reads like (152-FZ art. 10.1; RKN Order No. 18 items 7–8). */
const RU_PROHIBITIONS: Record<DistributionProhibition, string> = {
  'no-transfer': 'запрещается передача (кроме предоставления доступа) моих персональных данных Оператором неограниченному кругу лиц',
  'no-processing': 'запрещается обработка (кроме получения доступа) моих персональных данных неограниченным кругом лиц',
  'internal-network-only':
    'полученные персональные данные передаются Оператором только по его внутренней сети, обеспечивающей доступ к ним лишь строго определенным работникам',
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
);
