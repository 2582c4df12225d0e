/**
 * Sections the standard templates share: the parts built the same way in every template, whose wording
 * differs only by the words each law and language use (given by the template). A template built from them
 * renders byte for byte what it rendered when it spelled them out: the rendering is hashed into versions.
 */
import type { TemplateInfo } from '../../../shared/contracts/agreements';
import { list, p, pIf, section, type Inline, type MaybeBlock, type ParagraphBlock, type SectionBlock } from './blocks';
import {
  contactPhrase,
  countriesText,
  dataCategoryItems,
  operatorRef,
  purposeItems,
  requisitesBlock,
  thirdPartyItems,
  validityText,
  withdrawalWay,
  type Lang,
} from './common';
import type { RenderContext, TemplateDefinition, TemplateText } from './types';

/**
 * A standard template: its description, its title, and the blocks of a context (sections numbered), in
 * its own language (`info.language`); `more` adds its text in other languages (`info.languages` lists
 * them all, its own first). An unknown language renders the template's own.
 */
export const standardTemplate = (
  info: Omit<TemplateInfo, 'languages'>,
  title: string,
  blocks: (ctx: RenderContext) => MaybeBlock[],
  more: Record<string, TemplateText> = {}
): TemplateDefinition => {
  const texts: Record<string, TemplateText> = { ...more, [info.language]: { title, blocks } };
  return {
    info: { ...info, languages: [info.language, ...Object.keys(more).filter((l) => l !== info.language)] },
    render: (ctx, language) => {
      const text = (language && texts[language]) || texts[info.language];
      return { title: text.title, numbered: true, blocks: text.blocks(ctx) };
    },
  };
};

/** The operator (controller, advertiser) with its requisites, under the name the template gives it. */
export const operatorSection = (ctx: RenderContext, lang: Lang, heading: string): SectionBlock =>
  section(heading, requisitesBlock(ctx.requisites, lang));

/** The purposes, listed after a lead-in sentence; `more` follows the list. */
export const purposesSection = (ctx: RenderContext, lang: Lang, heading: string, intro: string, ...more: MaybeBlock[]): SectionBlock =>
  section(heading, list(purposeItems(ctx, lang), { intro: [intro] }), ...more);

/**
 * The data categories the agreement lists, after a lead-in. When it lists none, the data meant is what
 * the person enters in the form: the same lead-in, then a list marked as the form's fields
 * (form-fields.ts) whose one item, `unlisted`, says so in general words; where the text is shown on a
 * form, that item gives way to the captions of the form's fields. `more` follows.
 */
export const dataSection = (
  ctx: RenderContext,
  heading: string,
  intro: string,
  unlisted: Inline[],
  ...more: MaybeBlock[]
): SectionBlock => {
  const data = dataCategoryItems(ctx);
  return section(heading, data.length ? list(data, { intro: [intro] }) : list([unlisted], { intro: [intro], formFields: true }), ...more);
};

/**
 * The data section of the Russian-language personal-data consents: `consentTo` is what the consent is
 * given to, in the accusative ("обработку", "сбор и обработку").
 */
export const ruDataSection = (ctx: RenderContext, heading: string, consentTo: string): SectionBlock =>
  dataSection(ctx, heading, `Согласие дается на ${consentTo} следующих персональных данных:`, [
    'персональные данные, которые я указываю в полях формы, в которой дается настоящее согласие ',
    '(перечень этих полей сохраняется вместе с записью о согласии).',
  ]);

/** Operator, purposes and data: the sections the Russian-language 152-FZ and 99-Z consents word alike. */
export const ruPersonalDataBasics = (ctx: RenderContext): SectionBlock[] => [
  operatorSection(ctx, 'ru', 'Оператор'),
  purposesSection(ctx, 'ru', 'Цели обработки персональных данных', 'Персональные данные обрабатываются в следующих целях:'),
  ruDataSection(ctx, 'Перечень персональных данных', 'обработку'),
];

/**
 * The data section of the English texts of the personal-data consents (RU, BY, KZ): `consentTo` is what
 * the consent covers ("processing", "collection and processing").
 */
export const enDataSection = (ctx: RenderContext, heading: string, consentTo: string): SectionBlock =>
  dataSection(ctx, heading, `This consent covers the ${consentTo} of the following personal data:`, [
    'the personal data I enter in the fields of the form in which I give this consent ',
    '(the list of those fields is kept together with the record of the consent).',
  ]);

/** Operator, purposes and data in the English texts of the 152-FZ and 99-Z consents. */
export const enPersonalDataBasics = (ctx: RenderContext): SectionBlock[] => [
  operatorSection(ctx, 'en', 'Operator'),
  purposesSection(ctx, 'en', 'Purposes of processing', 'Personal data are processed for the following purposes:'),
  enDataSection(ctx, 'List of personal data', 'processing'),
];

/**
 * The English text of a consent given under a law written in another language says so, and that it is
 * there for the person to understand: it is not an official translation of any text (`law` names the
 * law, e.g. "Russian law (Federal Law No. 152-FZ ...)").
 */
export const enGivenUnder = (law: string): ParagraphBlock =>
  p(`This consent is given under ${law}; its text is provided in English for my understanding.`);

/** The persons processing on the operator's behalf and the recipients, listed after a lead-in. */
export const recipientsSection = (ctx: RenderContext, lang: Lang, heading: string, intro: Inline[]): SectionBlock =>
  section(heading, list(thirdPartyItems(ctx, lang), { intro }));

/**
 * The end of a Russian consent's opening sentence: "оператору <strong>Name</strong> (далее — Оператор) на
 * условиях, изложенных ниже." `noun` names the operator in the case the sentence needs.
 */
export const ruOperatorOnTerms = (ctx: RenderContext, noun: string): Inline[] => [
  ...operatorRef(ctx, 'ru', noun, 'Оператор'),
  ' на условиях, изложенных ниже.',
];

/** The English texts' counterpart of `ruOperatorOnTerms`: "by the operator <strong>Name</strong> (the "Operator") on the terms set out below." */
export const enOperatorOnTerms = (ctx: RenderContext, noun: string): Inline[] => [
  ...operatorRef(ctx, 'en', noun, 'Operator'),
  ' on the terms set out below.',
];

/**
 * Cross-border transfer: `sentences` of the countries data may go to, each a paragraph; the section
 * vanishes when the agreement names no country.
 */
export const transferSection = (ctx: RenderContext, heading: string, sentences: (countries: string) => Inline[][]): SectionBlock => {
  const countries = countriesText(ctx);
  return section(heading, ...sentences(countries).map((sentence) => pIf([countries], ...sentence)));
};

/** The Russian consents' sentence naming the countries of a cross-border transfer. */
export const ruTransferCountries = (countries: string): Inline[] => [
  'Персональные данные могут передаваться на территорию следующих иностранных государств: ',
  countries,
  '.',
];

/** The English texts' sentence naming the countries of a cross-border transfer. */
export const enTransferCountries = (countries: string): Inline[] => [
  'Personal data may be transferred to the following foreign countries: ',
  countries,
  '.',
];

/** The validity sentence (until withdrawn, or the term), then `more`. */
export const validitySection = (ctx: RenderContext, lang: Lang, heading: string, ...more: MaybeBlock[]): SectionBlock =>
  section(heading, p(...validityText(ctx, lang)), ...more);

/** "<lead>направив Оператору письменное заявление об отзыве по адресу ...<tail>" in a Russian consent. */
export const ruWithdrawal = (ctx: RenderContext, lead: string, tail = '.'): ParagraphBlock =>
  p(lead, ...withdrawalWay(ctx, 'ru', 'Оператору'), tail);

/** "<lead>by sending the Operator a written notice of withdrawal by e-mail to ...<tail>" in an English text. */
export const enWithdrawal = (ctx: RenderContext, lead: string, tail = '.'): ParagraphBlock => {
  const where = contactPhrase(ctx, 'en');
  return p(lead, 'by sending the Operator a written notice of withdrawal', ...(where ? [' ', ...where] : []), tail);
};

/** "<lead> <where to write>." when a channel is known (the agreement's contact or the requisites'); else nothing. */
export const contactParagraph = (ctx: RenderContext, lang: Lang, lead: string): ParagraphBlock | null => {
  const contact = contactPhrase(ctx, lang);
  return contact && p(lead, ...contact, '.');
};
