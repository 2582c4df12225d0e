/**
 * Types shared by the template engine (index.ts) and the templates themselves; kept apart so that
 * templates need not import the engine that imports them.
 */
import type { Purpose, Requisites, TemplateId, TemplateInfo, ThirdParty, Validity } from '../../../shared/contracts/agreements';
import type { MaybeBlock, TemplateDocument } from './blocks';
import type { AdChannel, DistributionSettings } from '../../../shared/contracts/choices';

/** Everything an agreement's text is rendered from. Rendering is pure: same context, same bytes. */
export interface RenderContext {
  template?: TemplateId | null;
  type: 'standard' | 'custom';
  /** The operator's requisites (the company record's or the ones typed into the agreement). */
  requisites: Requisites | null;
  purposes: Purpose[];
  /** Personal-data categories; empty means "the fields of the form in which consent is given". */
  dataCategories: string[];
  thirdParties: ThirdParty[];
  validity: Validity;
  /** Where to withdraw; empty falls back to the requisites' e-mail, then postal, then legal address. */
  withdrawalContact: string | null;
  /** Countries data may be transferred to; empty: no cross-border transfer. */
  crossBorderCountries: string[];
  /** Whether data is published in public sources (stated by the KZ template). */
  publicSources: boolean;
  /** Checkbox text; the first [bracketed] part links to the full text. */
  label: string;
  customHtml: string | null;
  externalUrl: string | null;
  /** Where the full text is shown (link of the label); defaults to "#uc-full-text". */
  fullTextUrl?: string;
  /**
   * Language of a custom agreement (standard ones use their template's). When missing, the custom
   * agreement's template language is used, else "ru" if the label or text has Cyrillic letters, else "en".
   */
  language?: string | null;
  /** Advertising: the channels offered (absent or empty: the template's general list). */
  channels?: AdChannel[];
  /** Consent to distribution: categories, web resources, prohibitions, conditions. */
  distribution?: DistributionSettings | null;
}

/** One standard template: its description and how it turns a context into a document. */
export interface TemplateDefinition {
  info: TemplateInfo;
  /**
   * The document in one of `info.languages` (the template's own language when none is given). Each
   * language's text is written for that language, not translated word by word at run time.
   */
  render(ctx: RenderContext, language?: string): TemplateDocument;
}

/** One language's text of a standard template: its title and its blocks. */
export interface TemplateText {
  title: string;
  blocks: (ctx: RenderContext) => MaybeBlock[];
}
