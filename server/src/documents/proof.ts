/**
 * The proof of one consent event as a PDF: who, when, where, how, the text as shown, the event's place in
 * the hash chain with what was verified for it, the receipt and its signature, the withdrawal, and how a
 * reader checks all of it without trusting the operator. Russian and English, DejaVu Sans (pdf.ts).
 *
 * A pure function of its input (services/log/proof.ts decides what a reader may see); nothing here logs.
 */
import type { ConsentProofData } from '../../../shared/contracts/log';
import {
  SIZE,
  agreementLabel,
  capitalize,
  createDoc,
  field,
  heading,
  keepSpace,
  pageNumbers,
  pairs,
  paragraph,
  render,
  subheading,
  title,
  validDate,
  type PdfOptions,
} from './pdf';
import { ACTION_LABELS, BEHAVIOUR_LABELS, CATEGORY_LABELS, CHANNEL_LABELS, COMMON_TEXT, PROOF_TEXT, formatDateTime, labelOf, type Lang } from './labels';

const yesNo = (value: boolean, t: (typeof PROOF_TEXT)[Lang]) => (value ? t.yes : t.no);
const check = (value: boolean | null, t: (typeof PROOF_TEXT)[Lang], whenNull = '—') => (value == null ? whenNull : value ? `✓ ${t.ok}` : `✗ ${t.broken}`);

/** Typed values may be numbers, lists or nested: each as one line of text. */
const typed = (data: Record<string, unknown> | null) =>
  pairs(data ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) : null);

/** The proof-of-consent document of one event, in the admin's language. */
export const renderConsentProofPdf = (p: ConsentProofData, lang: Lang, options: PdfOptions = {}): Promise<Buffer> => {
  const t = PROOF_TEXT[lang];
  const no = COMMON_TEXT[lang].number;
  const caption = `${t.title}: ${t.record} ${no} ${p.event.seq}`;
  const doc = createDoc(
    lang,
    // No person in the document information: viewers show it outside the page.
    { Title: caption, Author: p.operators.map((o) => o.name).filter(Boolean).join('; ') || undefined, CreationDate: validDate(p.generatedAt) },
    options
  );
  const action = labelOf(ACTION_LABELS[lang], p.event.action);

  return render(doc, () => {
    title(doc, `${t.title}: ${t.record} ${no} ${p.event.seq}`, t.basis);

    field(doc, t.event, capitalize(action));
    if (p.event.state) field(doc, t.stateNow, labelOf(ACTION_LABELS[lang], p.event.state));
    field(doc, t.receipt, p.event.receiptId || '—', { mono: true });
    field(doc, t.channel, labelOf(CHANNEL_LABELS[lang], p.event.channel));
    if (p.operators.length) field(doc, t.operators, p.operators.map((o) => [o.name, o.address].filter(Boolean).join(', ')).join('\n'));
    field(doc, t.generated, formatDateTime(p.generatedAt, lang, true));

    heading(doc, t.who);
    const who = p.who;
    if (who.status === 'shown') {
      field(doc, t.subject, pairs(who.subject, CATEGORY_LABELS[lang]));
      field(doc, t.ip, who.ip || '—');
      field(doc, t.userAgent, who.userAgent || '—');
      field(doc, t.pageQuery, who.pageQuery || '—');
      field(doc, t.data, typed(who.data));
    } else if (who.status === 'erased') {
      field(doc, t.subject, who.erasedAt ? `${t.whoErased} (${formatDateTime(who.erasedAt, lang)})` : t.whoErased);
    } else {
      field(doc, t.subject, who.status === 'hidden' ? t.whoHidden : t.whoNone);
    }

    heading(doc, t.when);
    field(doc, t.recordedAt, formatDateTime(p.event.recordedAt, lang, true));
    if (p.event.collectedAt) field(doc, t.collectedAt, formatDateTime(p.event.collectedAt, lang, true));
    if (p.event.action === 'given' || p.event.action === 'confirmed') field(doc, t.expiresAt, p.event.expiresAt ? formatDateTime(p.event.expiresAt, lang) : t.untilWithdrawn);

    heading(doc, t.where);
    field(doc, t.form, p.where.formKey ? [p.where.formName, `(${p.where.formKey})`].filter(Boolean).join(' ') : '—');
    field(doc, t.page, p.where.pageUrl || '—');

    heading(doc, t.how);
    field(doc, t.behaviour, labelOf(BEHAVIOUR_LABELS[lang], p.how.behaviour));
    field(doc, t.prechecked, yesNo(p.how.prechecked, t));
    field(doc, t.fullTextOpened, yesNo(p.how.fullTextOpened, t));
    if (p.how.dataShown?.length) field(doc, t.dataShown, p.how.dataShown.join('; '));

    heading(doc, t.text);
    field(doc, t.agreement, p.agreement ? agreementLabel(p.agreement.name, p.agreement.id, lang) : '—');
    const v = p.version;
    if (v) {
      field(doc, t.version, `${v.number ?? '—'} (id ${v.id})`);
      field(doc, t.language, v.language || '—');
      field(doc, t.label, v.label || '—');
      if (v.externalUrl) field(doc, t.externalUrl, v.externalUrl);
      field(doc, t.textHash, v.hash || '—', { mono: true });
      field(doc, t.textHashCheck, check(v.hashValid, t));
      subheading(doc, t.fullText);
      paragraph(doc, v.text || '—', { paragraphGap: 3 });
    }

    heading(doc, t.chain);
    field(doc, t.seq, p.chain.seq);
    field(doc, t.hash, p.chain.hash || '—', { mono: true });
    field(doc, t.prevHash, p.chain.prevHash || '—', { mono: true });
    field(doc, t.ownHash, check(p.chain.ownHashValid, t));
    field(doc, t.link, p.chain.seq === '1' ? `✓ ${t.first}` : check(p.chain.linksToPrevious, t));
    field(doc, t.nextLink, check(p.chain.linkedFromNext, t, t.last));
    field(doc, t.personalRecord, t.personalStatus[p.personalRecord]);
    const intact = p.chain.ownHashValid && p.chain.linksToPrevious && p.chain.linkedFromNext !== false && p.personalRecord !== 'altered' && p.version?.hashValid !== false;
    doc.moveDown(0.3);
    paragraph(doc, intact ? t.verdictOk : t.verdictBroken, { bold: true, color: intact ? '#1a6b2f' : '#b00020' });

    heading(doc, t.receiptSection);
    const s = p.signature;
    if (!p.receipt) paragraph(doc, t.noReceipt);
    else {
      field(doc, t.receipt, p.event.receiptId || '—', { mono: true });
      field(doc, t.signature, s ? `${t.alg}: ${s.alg}; ${t.kid}: ${s.kid}` : t.notSigned);
      if (s) field(doc, p.signatureDetached ? t.jwsDetached : t.jws, s.jws, { mono: true });
      if (s && p.signatureDetached) paragraph(doc, t.jwsDetachedHint, { size: SIZE.small });
    }

    subheading(doc, t.withdrawal);
    if (p.withdraws) {
      field(doc, t.withdraws, `${t.record} ${no} ${p.withdraws.seq} (${labelOf(ACTION_LABELS[lang], p.withdraws.action)}; ${formatDateTime(p.withdraws.recordedAt, lang)}; ${p.withdraws.receiptId ?? '—'})`);
    } else if (p.withdrawals.length) {
      for (const w of p.withdrawals) {
        field(doc, t.withdrawnBy, `${formatDateTime(w.recordedAt, lang, true)} — ${labelOf(CHANNEL_LABELS[lang], w.channel)}; ${t.record} ${no} ${w.seq}${w.receiptId ? `; ${w.receiptId}` : ''}`);
      }
    } else {
      paragraph(doc, t.notWithdrawn);
    }

    heading(doc, t.verify);
    t.verifySteps.forEach((step, i) => paragraph(doc, `${i + 1}. ${step}`, { paragraphGap: 4 }));

    if (p.receipt) {
      heading(doc, t.receiptJson);
      keepSpace(doc, 40);
      paragraph(doc, JSON.stringify(p.receipt, null, 2), { size: SIZE.mono, mono: true });
    }

    pageNumbers(doc, caption, lang);
  });
};
