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
 */
import { fields, list, p, pIf, section, type SectionBlock } from './blocks';
import { operatorRef, withdrawalWay } from './common';
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
      "The personal data you enter in the form in which you give this consent. The list of that form's ",
      'fields is kept together with the record of your consent.',
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
);
