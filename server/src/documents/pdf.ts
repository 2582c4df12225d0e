/**
 * The readable PDF documents: the act of destruction of personal data (Roskomnadzor Order No. 179 of
 * 28.10.2022) and the report that answers a data subject's access request (152-FZ art. 14, GDPR art. 15).
 *
 * Pure functions of their input, no Strapi: the callers load the act or the report and stream the buffer.
 * The inputs are personal data; nothing here logs them.
 */
import PDFDocument from 'pdfkit';
import type { ErasureAct, SubjectExport, SubjectExportEvent } from '../../../shared/contracts/personal';
import {
  ACT_TEXT,
  ACTION_LABELS,
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  COMMON_TEXT,
  KIND_LABELS,
  REASON_LABELS,
  REPORT_TEXT,
  formatDateTime,
  labelOf,
  type Lang,
} from './labels';

export interface PdfOptions {
  /** Deflate the page streams (the default). Off, the text commands can be read in the file, as tests do. */
  compress?: boolean;
}

export type Doc = PDFKit.PDFDocument;

export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';
/** For hashes, signatures and JSON: each character as wide as the next, so a hash reads and fits a line. */
export const MONO = 'DejaVuSansMono';
const CREATOR = 'strapi-plugin-user-consent';

export const SIZE = { title: 15, heading: 12.5, subheading: 11, body: 10, small: 8.5, mono: 7.8 };
export const GREY = '#555555';
const MARGIN = { top: 56, bottom: 60, left: 62, right: 48 };
const LABEL_WIDTH = 170;
const GUTTER = 12;

/**
 * The standard PDF fonts have no Cyrillic, so DejaVu Sans is embedded (pdfkit keeps only the glyphs used).
 * Resolved on each call rather than at import: the server bundle keeps dependencies external, and the
 * files are found from wherever the plugin is installed.
 */
const fontFiles = () => ({
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
});

export const validDate = (iso: string | null | undefined): Date | undefined => {
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};

// pdfkit hashes every key of the document information into the file ID and fails on an undefined value.
const definedOnly = (info: PDFKit.DocumentInfo): PDFKit.DocumentInfo =>
  Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined && v !== ''));

/**
 * Typed text comes from browsers as it was sent: Windows line ends and other control characters would
 * be drawn as missing-glyph boxes.
 */
// eslint-disable-next-line no-control-regex
export const plain = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');

const operatorNames = (operators: ErasureAct['operators']) => operators.map((o) => o.name).filter(Boolean).join('; ');

export const createDoc = (lang: Lang, info: PDFKit.DocumentInfo, options: PdfOptions): Doc => {
  const fonts = fontFiles();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    compress: options.compress ?? true,
    lang,
    displayTitle: true,
    // Kept in memory so that page numbers ("1 of 3") can be written once the count is known.
    bufferPages: true,
    // A TrueType default: with none, pdfkit would load Helvetica, which cannot show the Russian text.
    font: fonts.regular,
    info: { ...definedOnly(info), Creator: CREATOR },
  });
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  // Embedded only in a document that uses it (pdfkit embeds a font when text is drawn with it).
  doc.registerFont(MONO, fonts.mono);
  doc.font(REGULAR).fontSize(SIZE.body);
  return doc;
};

export const render = (doc: Doc, draw: () => void): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw();
      doc.end();
    } catch (e) {
      reject(e);
    }
  });

export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when fewer than `height` points are left, so a heading does not end a page alone. */
export const keepSpace = (doc: Doc, height: number) => {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
};

export const title = (doc: Doc, text: string, basis: string) => {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font(BOLD).fontSize(SIZE.title).fillColor('black').text(text, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.4);
  doc.font(REGULAR).fontSize(SIZE.small).fillColor(GREY).text(basis, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.6);
  doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).strokeColor('#999999').stroke();
  doc.moveDown(0.8);
  doc.fillColor('black').fontSize(SIZE.body);
};

/**
 * A bold heading with space (in lines) before and after it, kept with what follows; the body font after.
 * A section's heading is a step larger and more spaced than an event's subheading.
 */
const headingOf =
  (size: number, before: number, after: number) =>
  (doc: Doc, text: string) => {
    doc.moveDown(before);
    keepSpace(doc, 60);
    doc.font(BOLD).fontSize(size).fillColor('black').text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
    doc.moveDown(after);
    doc.font(REGULAR).fontSize(SIZE.body);
  };

export const heading = headingOf(SIZE.heading, 0.8, 0.4);
export const subheading = headingOf(SIZE.subheading, 0.7, 0.3);

/**
 * One labelled field: the label in a left column, the value beside it. Flowing text rather than a table
 * cell, because a value (what a person typed, an agreement's text) may be longer than a page and a table
 * row would clip it.
 */
export const field = (doc: Doc, label: string, value: string, opts: { mono?: boolean } = {}) => {
  const left = doc.page.margins.left;
  const valueX = left + LABEL_WIDTH + GUTTER;
  const valueWidth = contentWidth(doc) - LABEL_WIDTH - GUTTER;
  doc.fontSize(SIZE.body);
  const labelHeight = doc.font(BOLD).heightOfString(label, { width: LABEL_WIDTH });
  keepSpace(doc, Math.max(labelHeight, doc.currentLineHeight(true) * 2));
  const top = doc.y;
  const page = doc.page;
  doc.text(label, left, top, { width: LABEL_WIDTH });
  const labelEnd = doc.y;
  // A SHA-256 in hex (64 characters) fits the value column on one line at this size.
  if (opts.mono && value) doc.font(MONO).fontSize(SIZE.mono);
  else doc.font(REGULAR);
  doc.text(plain(value) || '—', valueX, top, { width: valueWidth });
  doc.fontSize(SIZE.body);
  // The label cannot run over the page (space was kept for it); only the value can.
  const end = (doc.page === page ? Math.max(labelEnd, doc.y) : doc.y) + 3;
  // A hairline under each field, so that a long label is not read as belonging to the next value.
  doc
    .moveTo(left, end)
    .lineTo(left + contentWidth(doc), end)
    .lineWidth(0.3)
    .strokeColor('#cccccc')
    .stroke();
  doc.x = left;
  doc.y = end + 4;
};

export const paragraph = (doc: Doc, text: string, opts: { size?: number; color?: string; bold?: boolean; mono?: boolean; paragraphGap?: number } = {}) => {
  doc
    .font(opts.mono ? MONO : opts.bold ? BOLD : REGULAR)
    .fontSize(opts.size ?? SIZE.body)
    .fillColor(opts.color ?? 'black')
    .text(plain(text), doc.page.margins.left, doc.y, { width: contentWidth(doc), paragraphGap: opts.paragraphGap ?? 0 });
  doc.fillColor('black').font(REGULAR).fontSize(SIZE.body);
};

/** "Page 2 of 5" at the foot of every page, written after the content so the total is known. */
export const pageNumbers = (doc: Doc, caption: string, lang: Lang) => {
  const { page, of } = COMMON_TEXT[lang];
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise make pdfkit open a new page.
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(SIZE.small)
      .fillColor(GREY)
      .text(`${caption} · ${page} ${i - start + 1} ${of} ${count}`, doc.page.margins.left, doc.page.height - bottom + 20, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
};

const operatorLines = (operators: ErasureAct['operators'], t: { address: string; inn: string; ogrn: string }) =>
  operators
    .map((o) =>
      [o.name, o.address ? `${t.address}: ${o.address}` : null, o.inn ? `${t.inn} ${o.inn}` : null, o.ogrn ? `${t.ogrn} ${o.ogrn}` : null]
        .filter(Boolean)
        .join(', ')
    )
    .join('\n');

export const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** "Responsible person  ________________ / Name /" with "(signature)" under the line. */
const signature = (doc: Doc, label: string, hint: string, name: string) => {
  doc.moveDown(2);
  keepSpace(doc, 60);
  const left = doc.page.margins.left;
  const lineX = left + LABEL_WIDTH + GUTTER;
  const lineEnd = lineX + 150;
  const y = doc.y + 14;
  doc.font(BOLD).fontSize(SIZE.body).text(label, left, y, { width: LABEL_WIDTH });
  doc
    .moveTo(lineX, y + 11)
    .lineTo(lineEnd, y + 11)
    .lineWidth(0.7)
    .strokeColor('black')
    .stroke();
  doc.font(REGULAR).text(name ? `/ ${name} /` : '/ ______________________ /', lineEnd + 8, y, {
    width: doc.page.width - doc.page.margins.right - lineEnd - 8,
  });
  doc
    .fontSize(SIZE.small)
    .fillColor(GREY)
    .text(hint, lineX, y + 14, { width: lineEnd - lineX, align: 'center' });
  doc.fillColor('black').fontSize(SIZE.body);
  doc.x = left;
};

/** The act of destruction of personal data, with the content Roskomnadzor Order No. 179 asks of an act. */
export const renderErasureActPdf = (act: ErasureAct, lang: Lang, options: PdfOptions = {}): Promise<Buffer> => {
  const t = ACT_TEXT[lang];
  const no = COMMON_TEXT[lang].number;
  const caption = `${t.title} ${no} ${act.id}`;
  const doc = createDoc(
    lang,
    // The moment of the erasure, not of rendering: the same act gives the same document information.
    { Title: caption, Author: operatorNames(act.operators) || undefined, CreationDate: validDate(act.erasedAt) },
    options
  );

  return render(doc, () => {
    title(doc, caption, t.basis);

    field(doc, t.operator, operatorLines(act.operators, t) || t.notRecorded);

    const admin = act.admin && (act.admin.name || act.admin.email);
    const who = admin ? [act.admin!.name, act.admin!.email].filter(Boolean).join(', ') : null;
    field(doc, t.destroyedBy, who ? `${who} — ${t.adminRole}` : t.notRecorded);

    field(doc, t.subjects, t.subjectsValue);
    field(doc, t.subjectsCount, String(act.subjects));
    field(doc, t.identifiedBy, labelOf(KIND_LABELS[lang], act.kind));
    field(
      doc,
      t.categories,
      act.categories.length ? act.categories.map((c) => `• ${labelOf(CATEGORY_LABELS[lang], c)}`).join('\n') : '—'
    );
    field(doc, t.system, act.forms.length ? `${t.systemValue}; ${t.forms}: ${act.forms.join(', ')}` : t.systemValue);
    field(doc, t.method, t.methodValue);

    const reason = labelOf(REASON_LABELS[lang], act.reason);
    field(doc, t.reason, act.reason === 'other' && act.note ? `${reason}: ${act.note}` : reason);
    if (act.note && act.reason !== 'other') field(doc, t.note, act.note);

    field(doc, t.date, formatDateTime(act.erasedAt, lang));
    field(doc, t.events, String(act.events));
    field(doc, t.seq, act.seq ? `${no} ${act.seq}` : '—');

    signature(doc, t.signature, t.signatureHint, act.admin?.name || act.admin?.email || '');

    doc.moveDown(1.5);
    paragraph(doc, t.keep, { size: SIZE.small, color: GREY });

    pageNumbers(doc, caption, lang);
  });
};

export const agreementLabel = (name: string | null, id: number | null, lang: Lang) =>
  name || (id == null ? '—' : `${COMMON_TEXT[lang].number} ${id}`);

export const pairs = (record: Record<string, string> | null, labels?: Record<string, string>) =>
  record && Object.keys(record).length
    ? Object.entries(record)
        .map(([k, v]) => `${capitalize(labels?.[k] ?? k)}: ${v}`)
        .join('\n')
    : '—';

const eventFields = (doc: Doc, e: SubjectExportEvent, lang: Lang) => {
  const t = REPORT_TEXT[lang];
  const action = labelOf(ACTION_LABELS[lang], e.action);
  subheading(doc, `${t.event} ${COMMON_TEXT[lang].number} ${e.seq} — ${capitalize(action)}`);
  if (e.erased) paragraph(doc, t.erased, { color: GREY });
  field(doc, t.time, formatDateTime(e.recordedAt, lang, true));
  field(doc, t.action, action);
  field(doc, t.agreement, agreementLabel(e.agreementName, e.agreementId, lang));
  field(doc, t.version, e.versionNumber == null ? '—' : String(e.versionNumber));
  field(doc, t.form, e.formKey || '—');
  field(doc, t.pageUrl, e.pageUrl || '—');
  field(doc, t.channel, labelOf(CHANNEL_LABELS[lang], e.channel));
  field(doc, t.receipt, e.receiptId || '—');
  field(doc, t.ip, e.ip || '—');
  field(doc, t.userAgent, e.userAgent || '—');
  field(doc, t.subject, pairs(e.subject, CATEGORY_LABELS[lang]));
  field(doc, t.data, pairs(e.data));
};

/** What the plugin holds about one person: operators, current state, every event, the texts agreed to. */
export const renderSubjectExportPdf = (report: SubjectExport, lang: Lang, options: PdfOptions = {}): Promise<Buffer> => {
  const t = REPORT_TEXT[lang];
  const doc = createDoc(
    lang,
    // No identifier in the document information: viewers and file managers show it outside the page.
    { Title: t.title, Author: operatorNames(report.operators) || undefined, CreationDate: validDate(report.generatedAt) },
    options
  );
  const act = ACT_TEXT[lang];

  return render(doc, () => {
    title(doc, t.title, t.basis);

    field(doc, t.identifier[report.identifier.kind] ?? report.identifier.kind, report.identifier.value);
    field(doc, t.generated, formatDateTime(report.generatedAt, lang));
    field(doc, t.operators, operatorLines(report.operators, act) || act.notRecorded);

    heading(doc, `1. ${t.current}`);
    if (report.current.length) {
      doc.table({
        columnStyles: ['*', 130, 130],
        defaultStyle: { border: 0.5, borderColor: '#999999', padding: 4 },
        data: [
          [t.agreement, t.state, t.since].map((text) => ({ text, font: { src: BOLD }, backgroundColor: '#eeeeee', type: 'TH' as const })),
          ...report.current.map((c) => [
            agreementLabel(c.agreementName, c.agreement, lang),
            labelOf(ACTION_LABELS[lang], c.state),
            formatDateTime(c.since, lang),
          ]),
        ],
      });
      doc.x = doc.page.margins.left;
    } else {
      paragraph(doc, t.none);
    }

    heading(doc, `2. ${t.events} (${report.events.length})`);
    if (!report.events.length) paragraph(doc, t.none);
    for (const e of report.events) eventFields(doc, e, lang);

    heading(doc, `3. ${t.texts}`);
    paragraph(doc, t.textsHint, { size: SIZE.small, color: GREY });
    if (!report.texts.length) paragraph(doc, t.none);
    for (const v of report.texts) {
      doc.moveDown(0.8);
      keepSpace(doc, 70);
      paragraph(doc, `${v.agreementName || '—'}, ${t.textVersion} ${v.number} (${t.language}: ${v.language})`, { bold: true });
      paragraph(doc, `${t.hash}: ${v.hash}`, { size: SIZE.small, color: GREY });
      doc.moveDown(0.4);
      paragraph(doc, v.text || '—', { paragraphGap: 3 });
    }

    pageNumbers(doc, t.title, lang);
  });
};
