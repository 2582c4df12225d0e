/**
 * European Union: consent under the GDPR (art. 6(1)(a) and 7, information of art. 13).
 *
 * Says who the controller is and how to reach it, the purposes, the data, the recipients, transfers outside
 * the EU/EEA, how long the consent lasts, that it can be withdrawn at any time as easily as it was given
 * without affecting earlier processing (art. 7(3)), the other rights, and the right to complain to a
 * supervisory authority. Plain English, first person for the statement, second person for the information.
 * When the requisites name them, the data protection officer's contact details (art. 13(1)(b)) and the
 * representative in the Union of a controller established outside it (art. 27) follow the controller;
 * without them the text is the same as before they existed.
 *
 * Its Russian text, for a person in the Union who reads Russian, states the same, in the same order. Russian
 * is not a language of the Union's official texts: it names the GDPR's roles in the words Russian
 * commentaries use (контролер, инспектор по защите данных).
 */
import { fields, list, p, pIf, section, type Inline, type SectionBlock } from './blocks';
import { contactPhrase, operatorRef, withdrawalWay } from './common';
import type { RenderContext } from './types';
import {
  contactParagraph,
  dataSection,
  operatorSection,
  purposesSection,
  recipientsSection,
  standardTemplate,
  transferSection,
  validitySection,
} from './sections';

/** The data protection officer, when the requisites name one (GDPR art. 13(1)(b), 37(7)). */
const dpoSection = (ctx: RenderContext): SectionBlock => {
  const r = ctx.requisites;
  const contact = [r?.dpoName, r?.dpoEmail, r?.dpoPhone, r?.dpoAddress];
  return section(
    'Data protection officer',
    pIf(
      contact,
      'The Controller has designated a data protection officer, whom you may contact about any question on the processing of your ',
      'personal data and on exercising your rights:',
    ),
    fields([
      { label: 'Name', value: r?.dpoName },
      { label: 'E-mail', value: r?.dpoEmail },
      { label: 'Phone', value: r?.dpoPhone },
      { label: 'Address', value: r?.dpoAddress },
    ]),
  );
};

/** The representative in the Union of a controller established outside it, when named (GDPR art. 27). */
const euRepresentativeSection = (ctx: RenderContext): SectionBlock => {
  const r = ctx.requisites;
  return section(
    'Representative in the European Union',
    pIf(
      [r?.euRepName, r?.euRepAddress, r?.euRepEmail],
      'The Controller is not established in the European Union and has designated, under Article 27 GDPR, the following ',
      'representative in the Union, whom you and the supervisory authorities may address, in addition to or instead of the ',
      'Controller, on all issues related to the processing of your personal data:',
    ),
    fields([
      { label: 'Name', value: r?.euRepName },
      { label: 'Address', value: r?.euRepAddress },
      { label: 'E-mail', value: r?.euRepEmail },
    ]),
  );
};

/** The data protection officer in the Russian text. */
const ruDpoSection = (ctx: RenderContext): SectionBlock => {
  const r = ctx.requisites;
  const contact = [r?.dpoName, r?.dpoEmail, r?.dpoPhone, r?.dpoAddress];
  return section(
    'Инспектор по защите данных',
    pIf(
      contact,
      'Контролер назначил инспектора по защите данных, к которому вы можете обратиться по любому вопросу обработки ваших ',
      'персональных данных и осуществления ваших прав:',
    ),
    fields([
      { label: 'Имя (наименование)', value: r?.dpoName },
      { label: 'Электронная почта', value: r?.dpoEmail },
      { label: 'Телефон', value: r?.dpoPhone },
      { label: 'Адрес', value: r?.dpoAddress },
    ]),
  );
};

/** The representative in the Union in the Russian text. */
const ruEuRepresentativeSection = (ctx: RenderContext): SectionBlock => {
  const r = ctx.requisites;
  return section(
    'Представитель в Европейском союзе',
    pIf(
      [r?.euRepName, r?.euRepAddress, r?.euRepEmail],
      'Контролер не учрежден в Европейском союзе и в соответствии со статьей 27 GDPR назначил следующего представителя ',
      'в Союзе, к которому вы и надзорные органы можете обращаться наряду с Контролером или вместо него по всем ',
      'вопросам, связанным с обработкой ваших персональных данных:',
    ),
    fields([
      { label: 'Наименование', value: r?.euRepName },
      { label: 'Адрес', value: r?.euRepAddress },
      { label: 'Электронная почта', value: r?.euRepEmail },
    ]),
  );
};

/** The Russian text: every section and statement of the English one, in the same order. */
const russianBlocks = (ctx: RenderContext) => {
  const where = contactPhrase(ctx, 'ru');
  const withdraw: Inline[] = where ? ['обратившись к Контролеру ', ...where] : ['написав Контролеру'];
  return [
    p(
      'Я даю согласие ',
      ...operatorRef(ctx, 'ru', 'контролеру', 'Контролер'),
      ' на обработку моих персональных данных в целях и на условиях, изложенных ниже, в соответствии с подпунктом (a) ',
      'пункта 1 статьи 6 Общего регламента по защите данных (ЕС) 2016/679 (GDPR).',
    ),
    p(
      'Согласие дается добровольно. Я даю его, отправляя форму на сайте с отмеченным полем согласия; сведения, которые ',
      'я указываю в этой форме, сохраняются Контролером вместе с записью о моем согласии.',
    ),
    operatorSection(ctx, 'ru', 'Контролер'),
    ruDpoSection(ctx),
    ruEuRepresentativeSection(ctx),
    purposesSection(ctx, 'ru', 'Цели', 'Ваши персональные данные будут обрабатываться в следующих целях:'),
    dataSection(ctx, 'Обрабатываемые персональные данные', 'Обрабатываются следующие персональные данные:', [
      'персональные данные, которые вы указываете в полях формы, в которой даете настоящее согласие ',
      '(перечень этих полей сохраняется вместе с записью о вашем согласии).',
    ]),
    recipientsSection(ctx, 'ru', 'Получатели', [
      'Ваши персональные данные могут быть раскрыты следующим получателям или обрабатываться ими по поручению Контролера:',
    ]),
    transferSection(ctx, 'Передача за пределы ЕС/ЕЭЗ', (countries) => [
      [
        'Ваши персональные данные могут передаваться в следующие страны: ',
        countries,
        '. Если такая страна не обеспечивает надлежащий уровень защиты, передача осуществляется при соблюдении ',
        'надлежащих гарантий или на основании вашего явно выраженного согласия, как того требует GDPR.',
      ],
    ]),
    validitySection(
      ctx,
      'ru',
      'Срок действия согласия',
      p(
        'Ваши персональные данные хранятся не дольше, чем это необходимо для указанных целей, и удаляются после отзыва ',
        'согласия, если закон не требует или не позволяет Контролеру хранить их на ином основании.',
      ),
    ),
    section(
      'Отзыв согласия',
      p(
        'Вы вправе отозвать согласие в любой момент, и отозвать его так же просто, как дать. Отозвать согласие можно, ',
        ...withdraw,
        '.',
      ),
      p(
        'Отзыв согласия не влияет на законность обработки, осуществленной на основании согласия до его отзыва. ',
        'Отказ дать согласие или его отзыв не влечет иных последствий, кроме того, что Контролер больше не сможет ',
        'обрабатывать ваши данные в целях, для которых требуется согласие.',
      ),
    ),
    section(
      'Ваши права',
      list(
        [
          'на доступ к своим персональным данным и получение их копии;',
          'на исправление неточных данных и дополнение неполных;',
          'на удаление своих данных;',
          'на ограничение обработки;',
          'на получение предоставленных вами данных в структурированном, общепринятом и машиночитаемом формате и на их передачу другому контролеру (переносимость данных);',
          'на возражение против обработки, в том числе в любое время — против обработки в целях прямого маркетинга.',
        ],
        { intro: ['В соответствии с GDPR вы также имеете право:'] },
      ),
      contactParagraph(ctx, 'ru', 'Чтобы воспользоваться этими правами, обратитесь к Контролеру '),
      p(
        'Вы вправе подать жалобу в надзорный орган, в частности в государстве — члене ЕС по месту вашего обычного ',
        'проживания, по месту работы или по месту предполагаемого нарушения.',
      ),
    ),
  ];
};

export const euGdpr = standardTemplate(
  {
    id: 'eu-gdpr',
    country: 'EU',
    language: 'en',
    title: 'EU: consent to personal data processing (GDPR)',
    law: 'GDPR art. 6(1)(a), 7 and 13',
    defaultLabel: 'I consent to the [processing of my personal data] for the purposes described',
    defaultPurposes: ['reply-to-requests'],
  },
  'Consent to the processing of personal data',
  (ctx) => [
    p(
      'I consent to ',
      ...operatorRef(ctx, 'en', 'the controller', 'Controller'),
      ' processing my personal data for the purposes and on the terms set out below, in accordance with ',
      'Article 6(1)(a) of the General Data Protection Regulation (EU) 2016/679 (GDPR).',
    ),
    p(
      'Giving this consent is voluntary. I give it by submitting the form on the website with the consent box ',
      'ticked; the details I enter in that form are kept by the Controller together with the record of my consent.',
    ),
    operatorSection(ctx, 'en', 'Controller'),
    dpoSection(ctx),
    euRepresentativeSection(ctx),
    purposesSection(ctx, 'en', 'Purposes', 'Your personal data will be processed for these purposes:'),
    dataSection(ctx, 'Personal data concerned', 'The following personal data will be processed:', [
      'the personal data you enter in the fields of the form in which you give this consent ',
      '(the list of those fields is kept together with the record of your consent).',
    ]),
    recipientsSection(ctx, 'en', 'Recipients', [
      'Your personal data may be disclosed to, or processed on behalf of the Controller by, the following recipients:',
    ]),
    transferSection(ctx, 'Transfers outside the EU/EEA', (countries) => [
      [
        'Your personal data may be transferred to the following countries: ',
        countries,
        '. Where such a country does not ensure an adequate level of protection, the transfer relies on ',
        'appropriate safeguards or on your explicit consent, as the GDPR requires.',
      ],
    ]),
    validitySection(
      ctx,
      'en',
      'How long this consent lasts',
      p(
        'Your personal data are kept no longer than necessary for these purposes, and are erased once you withdraw your consent unless the law requires or allows the Controller to keep them on another ground.',
      ),
    ),
    section(
      'Withdrawing your consent',
      p(
        'You have the right to withdraw your consent at any time, and withdrawing it is as easy as giving it. You can withdraw it ',
        ...withdrawalWay(ctx, 'en', 'the Controller'),
        '.',
      ),
      p(
        'Withdrawal does not affect the lawfulness of processing based on your consent before its withdrawal. ',
        'Refusing or withdrawing consent has no consequence other than that the Controller can no longer ',
        'process your data for the purposes that rely on it.',
      ),
    ),
    section(
      'Your rights',
      list(
        [
          'to access your personal data and receive a copy of them;',
          'to have inaccurate data rectified and incomplete data completed;',
          'to have your data erased;',
          'to restrict processing;',
          'to receive the data you provided in a structured, commonly used and machine-readable format and to have them transmitted to another controller (data portability);',
          'to object to processing, including at any time to processing for direct marketing.',
        ],
        { intro: ['Under the GDPR you also have the right:'] },
      ),
      contactParagraph(ctx, 'en', 'To exercise these rights, contact the Controller '),
      p(
        'You have the right to lodge a complaint with a supervisory authority, in particular in the EU Member State ',
        'of your habitual residence, place of work or place of the alleged infringement.',
      ),
    ),
  ],
  { ru: { title: 'Согласие на обработку персональных данных', blocks: russianBlocks } },
);
