/**
 * The small document model standard templates are written in, and its two renderings (HTML, plain text).
 *
 * A template describes its agreement as blocks built from the agreement's data; it never writes HTML itself,
 * so every value is escaped in one place. Before rendering, blocks with nothing to say are removed
 * (see `prune`): a template can state a section unconditionally and let missing data make it vanish.
 */
import { escapeHtml } from '../utils/sanitize';

/** The attribute that marks the list of a form's fields in a rendered text (filled in by form-fields.ts). */
export const FORM_FIELDS_ATTRIBUTE = 'data-uc-form-fields';

/** A piece of running text; `{ strong }` is shown in bold. Empty or missing pieces count as nothing. */
export type Inline = string | { strong: string } | null | undefined | false;

export interface ParagraphBlock {
  kind: 'paragraph';
  content: Inline[];
  /**
   * The paragraph only makes sense with these values (e.g. "Cross-border transfer to: <countries>"):
   * when all of them are empty, the paragraph vanishes even though it has fixed wording.
   */
  needs?: Array<string | null | undefined>;
}

export interface ListBlock {
  kind: 'list';
  ordered?: boolean;
  /** A lead-in sentence shown before the list; it vanishes with an empty list. */
  intro?: Inline[];
  items: Inline[][];
  /**
   * The list stands for the fields of the form the text is shown in (see form-fields.ts): its HTML is
   * marked (`<ul data-uc-form-fields>`) and its items are what it says without a form.
   */
  formFields?: boolean;
}

/** Label/value lines (requisites): a line whose value is empty is left out. */
export interface FieldsBlock {
  kind: 'fields';
  rows: { label: string; value: string | null | undefined }[];
}

/** A titled group of blocks: the heading is shown only while at least one block under it is. */
export interface SectionBlock {
  kind: 'section';
  heading: string;
  blocks: Block[];
}

export type Block = ParagraphBlock | ListBlock | FieldsBlock | SectionBlock;

/** Falsy entries let templates write `cond && p(...)` inline. */
export type MaybeBlock = Block | null | undefined | false;

export interface TemplateDocument {
  title: string;
  blocks: MaybeBlock[];
  /** Number the top-level sections ("1. Operator") after pruning, so a vanished section leaves no gap. */
  numbered?: boolean;
}

// ---- builders ----

export const p = (...content: Inline[]): ParagraphBlock => ({ kind: 'paragraph', content });

/** A paragraph that vanishes unless at least one of `needs` is filled. */
export const pIf = (needs: Array<string | null | undefined>, ...content: Inline[]): ParagraphBlock => ({
  kind: 'paragraph',
  content,
  needs,
});

export const list = (items: Array<Inline | Inline[]>, opts: { intro?: Inline[]; ordered?: boolean; formFields?: boolean } = {}): ListBlock => ({
  kind: 'list',
  items: items.map((i) => (Array.isArray(i) ? i : [i])),
  intro: opts.intro,
  ordered: opts.ordered,
  ...(opts.formFields ? { formFields: true } : {}),
});

export const fields = (rows: FieldsBlock['rows']): FieldsBlock => ({ kind: 'fields', rows });

export const section = (heading: string, ...blocks: MaybeBlock[]): SectionBlock => ({
  kind: 'section',
  heading,
  blocks: blocks.filter(isBlock),
});

export const strong = (s: string | null | undefined): Inline => (s ? { strong: s } : null);

// ---- normalisation and pruning ----

const isBlock = (b: MaybeBlock): b is Block => Boolean(b);

/**
 * Values typed by editors may hold line breaks or runs of spaces; both renderings collapse them the same
 * way so that the HTML and the plain text say exactly the same thing.
 */
export const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

const pieceText = (i: Inline): string => (!i ? '' : typeof i === 'string' ? i : i.strong);
const hasText = (parts: Inline[] | undefined): boolean => (parts ?? []).some((i) => clean(pieceText(i)) !== '');

/**
 * Removes what has nothing to say, recursively: empty paragraphs (or ones whose required values are all
 * empty), lists without items (with their lead-in), requisites lines without a value, and sections left
 * with no block (with their heading).
 */
export const prune = (blocks: MaybeBlock[]): Block[] => {
  const out: Block[] = [];
  for (const b of blocks) {
    if (!b) continue;
    switch (b.kind) {
      case 'paragraph':
        if (b.needs && !b.needs.some((v) => clean(v) !== '')) break;
        if (hasText(b.content)) out.push({ kind: 'paragraph', content: b.content });
        break;
      case 'list': {
        const items = b.items.filter(hasText);
        if (items.length) out.push({ ...b, items, intro: hasText(b.intro) ? b.intro : undefined });
        break;
      }
      case 'fields': {
        const rows = b.rows.filter((r) => clean(r.value) !== '');
        if (rows.length) out.push({ kind: 'fields', rows });
        break;
      }
      case 'section': {
        const inner = prune(b.blocks);
        if (inner.length) out.push({ kind: 'section', heading: b.heading, blocks: inner });
        break;
      }
    }
  }
  return out;
};

// ---- rendering ----

/** Joins pieces into one line of text: whitespace collapsed, so "a " + " b" gives "a b". */
const joinInline = (parts: Inline[], render: (s: string, strong: boolean) => string): string => {
  let out = '';
  for (const part of parts) {
    if (!part) continue;
    const isStrong = typeof part !== 'string';
    const raw = typeof part === 'string' ? part : part.strong;
    // Keep the spaces at a piece's edges (they separate words) but collapse them with the neighbour's.
    let s = raw.replace(/\s+/g, ' ');
    if (out.endsWith(' ') || out === '') s = s.replace(/^ /, '');
    if (!s) continue;
    if (isStrong) {
      const lead = s.startsWith(' ') ? ' ' : '';
      const trail = s.endsWith(' ') ? ' ' : '';
      const core = s.trim();
      out += core ? `${lead}${render(core, true)}${trail}` : s;
    } else out += render(s, false);
  }
  return out.trim();
};

const inlineHtml = (parts: Inline[]): string =>
  joinInline(parts, (s, isStrong) => (isStrong ? `<strong>${escapeHtml(s)}</strong>` : escapeHtml(s)));
const inlineText = (parts: Inline[]): string => joinInline(parts, (s) => s);

const blockHtml = (b: Block, level: number): string => {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${inlineHtml(b.content)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const items = b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('');
      const open = b.formFields ? `${tag} ${FORM_FIELDS_ATTRIBUTE}` : tag;
      return `${b.intro ? `<p>${inlineHtml(b.intro)}</p>\n` : ''}<${open}>${items}</${tag}>`;
    }
    case 'fields':
      return `<p>${b.rows.map((r) => `<strong>${escapeHtml(clean(r.label))}:</strong> ${escapeHtml(clean(r.value))}`).join('<br />')}</p>`;
    case 'section': {
      const h = `h${Math.min(level, 6)}`;
      return [`<${h}>${escapeHtml(clean(b.heading))}</${h}>`, ...b.blocks.map((c) => blockHtml(c, level + 1))].join('\n');
    }
  }
};

const blockText = (b: Block): string => {
  switch (b.kind) {
    case 'paragraph':
      return inlineText(b.content);
    case 'list': {
      const items = b.items.map((i, n) => `${b.ordered ? `${n + 1}. ` : '- '}${inlineText(i)}`).join('\n');
      return b.intro ? `${inlineText(b.intro)}\n\n${items}` : items;
    }
    case 'fields':
      return b.rows.map((r) => `${clean(r.label)}: ${clean(r.value)}`).join('\n');
    case 'section':
      return [clean(b.heading), ...b.blocks.map(blockText)].join('\n\n');
  }
};

/** Pruned top-level blocks, sections numbered when the document asks for it. */
const finalBlocks = (doc: TemplateDocument): Block[] => {
  let n = 0;
  return prune(doc.blocks).map((b) =>
    doc.numbered && b.kind === 'section' ? { ...b, heading: `${++n}. ${b.heading}` } : b,
  );
};

/** HTML of a pruned document: <h1> title, <h2> section headings, only allowlisted tags (see sanitize.ts). */
export const documentHtml = (doc: TemplateDocument): string =>
  [`<h1>${escapeHtml(clean(doc.title))}</h1>`, ...finalBlocks(doc).map((b) => blockHtml(b, 2))].join('\n');

/** Plain text of a pruned document; it reads as htmlToText() of documentHtml() does. */
export const documentText = (doc: TemplateDocument): string =>
  [clean(doc.title), ...finalBlocks(doc).map(blockText)].join('\n\n');
