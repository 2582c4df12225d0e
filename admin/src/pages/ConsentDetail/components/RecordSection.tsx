import type { ReactNode } from 'react';
import { Flex, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import { isErased, type ConsentDetail } from '../../../api/types';
import { ActionBadge } from '../../../components/ActionBadge';
import { StateBadge } from '../../../components/StateBadge';
import { DateTime } from '../../../components/DateTime';
import { ErasedBadge } from '../../../components/ErasedBadge';
import { Section } from '../../../components/Section';
import { Mono, Terms } from '../../../components/Term';
import { useFormNames } from '../../../hooks/useFormNames';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';
import { apiOrigin } from '../../../utils/apiOrigin';
import { CHANNEL_LABELS } from './ExpressedSection';

/** Fields shown elsewhere on the page (chain, expression), or internal to the database. */
const SHOWN_ELSEWHERE = new Set([
  'erased',
  'erasure',
  'personal',
  'personalId',
  'pageQuery',
  'hash',
  'prevHash',
  'behaviour',
  'prechecked',
  'fullTextOpened',
  // What the person chose and the data list their text showed: under "How it was expressed".
  'choices',
  'dataShown',
  'subjectEmailHash',
  'subjectPhoneHash',
  'documentId',
  'publishedAt',
  'locale',
  'createdBy',
  'updatedBy',
  // Listed only when set (a consent collected elsewhere; an event of a chain lane above 0).
  'collectedAt',
  'lane',
  // Shown with the version (v3) above, as the language its text was shown in.
  'versionNumber',
  'language',
]);

/**
 * The evidence file of a consent collected elsewhere: its name (a link to the file), and the SHA-256
 * the record's keyed hash commits to, with whether the stored file still has it.
 */
const EvidenceValue = ({ evidence }: { evidence: NonNullable<ConsentDetail['evidence']> | null }) => {
  const t = useT();
  if (!evidence) return <Typography>—</Typography>;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="consent-evidence">
      {evidence.url ? (
        <Link href={evidence.url.startsWith('/') ? `${apiOrigin()}${evidence.url}` : evidence.url} isExternal>
          {evidence.name ?? `#${evidence.id}`}
        </Link>
      ) : (
        <Typography textColor="neutral600">{t('consent.evidence.missing', 'The file is no longer in the Media Library')}</Typography>
      )}
      <Mono>SHA-256 {evidence.sha256}</Mono>
      {evidence.matches !== null && (
        <Typography textColor={evidence.matches ? 'success600' : 'danger600'} data-testid="consent-evidence-matches">
          {evidence.matches ? t('consent.evidence.matches', 'The stored file has this hash') : t('consent.evidence.differs', 'The stored file does not have this hash: it was replaced or changed')}
        </Typography>
      )}
    </Flex>
  );
};

/** The English names of stored fields the list above does not name (consent.field.<key>). */
const OTHER_FIELDS: Record<string, string> = { createdAt: 'Created at', updatedAt: 'Updated at', personalHash: 'Hash of the personal data' };

/** Every stored field of the record, personal ones marked when the viewer may not see them. */
export const RecordSection = ({ detail }: { detail: ConsentDetail }) => {
  const t = useT();
  const formName = useFormNames();
  const r = detail.record;
  const hidden = <Typography textColor="neutral500">{t('consent.hidden', 'Hidden: needs the permission to read personal data')}</Typography>;
  const erased = isErased(r);
  // An `erased` event of the chain names the act of destruction it records.
  const erasureAct = r.erasure && typeof r.erasure === 'object' ? Number((r.erasure as { id?: unknown }).id) || null : null;
  const personal = (value: ReactNode, present: boolean) =>
    present && detail.personalData ? value : erased ? <ErasedBadge /> : !detail.personalData ? hidden : <Typography>—</Typography>;
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const record = (id: number | null) =>
    id ? (
      <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/consents/${id}`}>
        {t('consent.recordLink', 'Record #{id}', { id })}
      </Link>
    ) : (
      '—'
    );

  const known: { key: string; label: string; value: ReactNode; wide?: boolean }[] = [
    { key: 'id', label: t('consent.field.id', 'Record id'), value: String(r.id) },
    { key: 'seq', label: t('consent.field.seq', 'Number in the chain'), value: r.seq },
    ...(r.lane != null ? [{ key: 'lane', label: t('consent.field.lane', 'Chain lane'), value: String(r.lane) }] : []),
    { key: 'recordedAt', label: t('consent.field.recordedAt', 'Recorded at (server time)'), value: <DateTime value={r.recordedAt} /> },
    ...(r.collectedAt
      ? [{ key: 'collectedAt', label: t('consent.field.collectedAt', 'Given at (collected elsewhere)'), value: <DateTime value={r.collectedAt} data-testid="consent-record-collected-at" /> }]
      : []),
    { key: 'action', label: t('consents.col.action', 'Action'), value: <ActionBadge action={r.action} /> },
    { key: 'state', label: t('consent.field.state', 'State now'), value: r.state ? <StateBadge state={r.state} /> : text(null) },
    { key: 'expiresAt', label: t('consent.field.expiresAt', 'Valid until'), value: r.expiresAt ? <DateTime value={r.expiresAt} /> : text(null) },
    {
      key: 'agreementId',
      label: t('consents.col.agreement', 'Agreement'),
      value: r.agreementId != null ? `${detail.agreement?.name ?? '—'} (#${r.agreementId})` : '—',
    },
    {
      key: 'versionId',
      label: t('agreements.version', 'Version'),
      value: r.versionId != null ? `${r.versionNumber ? t('agreements.versionNumber', 'v{number}', { number: r.versionNumber }) : '—'} (#${r.versionId})` : '—',
    },
    {
      key: 'formKey',
      label: t('consents.col.source', 'Source'),
      value: r.formKey ? (
        <Typography>
          {formName(r.formKey)} <Mono>({r.formKey})</Mono>
        </Typography>
      ) : (
        text(null)
      ),
    },
    {
      key: 'channel',
      label: t('consent.expressed.channel', 'Channel'),
      value: t(`consents.channel.${r.channel ?? 'web'}`, CHANNEL_LABELS[r.channel ?? 'web'] ?? text(r.channel)),
    },
    {
      key: 'pageUrl',
      label: t('consents.col.pageUrl', 'Page URL'),
      value: r.pageUrl ? (
        <Typography style={{ overflowWrap: 'anywhere' }} data-testid="consent-record-page-url">
          {r.pageUrl}
        </Typography>
      ) : (
        '—'
      ),
      wide: true,
    },
    {
      key: 'pageQuery',
      label: t('consent.field.pageQuery', 'Query string of the page address'),
      value: personal(<Mono>{typeof r.pageQuery === 'string' ? r.pageQuery : ''}</Mono>, typeof r.pageQuery === 'string' && !!r.pageQuery),
      wide: true,
    },
    { key: 'ip', label: t('consents.col.ip', 'IP'), value: personal(<Mono>{r.ip}</Mono>, !!r.ip) },
    ...(typeof r.ipPolicy === 'string'
      ? [{ key: 'ipPolicy', label: t('consent.field.ipPolicy', 'IP kept'), value: t(`forms.ipPolicy.${r.ipPolicy}`, r.ipPolicy) }]
      : []),
    {
      key: 'userAgent',
      label: t('consent.field.userAgent', 'Browser (user agent)'),
      value: personal(<Typography style={{ overflowWrap: 'anywhere' }}>{r.userAgent}</Typography>, !!r.userAgent),
      wide: true,
    },
    {
      key: 'subject',
      label: t('consents.col.subject', 'Subject'),
      value: personal(
        <Typography>{[r.subject?.name, r.subject?.email, r.subject?.phone].filter(Boolean).join(' · ')}</Typography>,
        !!(r.subject && (r.subject.name || r.subject.email || r.subject.phone))
      ),
      wide: true,
    },
    {
      key: 'fields',
      label: t('consent.field.fields', 'Form fields covered'),
      value: <Mono>{r.fields?.length ? r.fields.join(', ') : '—'}</Mono>,
      wide: true,
    },
    { key: 'receiptId', label: t('consent.field.receiptId', 'Receipt id'), value: <Mono>{text(r.receiptId)}</Mono>, wide: true },
    { key: 'withdrawsId', label: t('consent.field.withdrawsId', 'Withdraws'), value: record(r.withdrawsId) },
    { key: 'recordedBy', label: t('consent.field.recordedBy', 'Recorded by (admin id)'), value: text(r.recordedBy) },
    { key: 'note', label: t('consent.field.note', 'Note'), value: personal(<Typography>{r.note}</Typography>, !!r.note), wide: true },
    ...(r.channel === 'import'
      ? [{ key: 'evidence', label: t('consent.field.evidence', 'Evidence'), value: personal(<EvidenceValue evidence={detail.evidence ?? null} />, !!detail.evidence), wide: true }]
      : []),
    ...(erasureAct
      ? [
          {
            key: 'erasure',
            label: t('consent.field.erasure', 'Act of destruction recorded by this event'),
            value: (
              <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/consents/erasures`}>
                {t('consent.erasureLink', 'Act No. {id}', { id: erasureAct })}
              </Link>
            ),
          },
        ]
      : []),
  ];
  const listed = new Set(known.map((k) => k.key));
  // Anything else the server stores (createdAt, updatedAt, a field added later) still shows.
  const rest = Object.entries(r)
    .filter(([k]) => !listed.has(k) && !SHOWN_ELSEWHERE.has(k))
    .map(([k, v]) => ({
      key: k,
      label: t(`consent.field.${k}`, OTHER_FIELDS[k] ?? k),
      value: typeof v === 'object' && v !== null ? <Mono>{JSON.stringify(v)}</Mono> : /At$/.test(k) && v ? <DateTime value={String(v)} /> : text(v),
    }));

  return (
    <Section title={t('consent.record.title', 'Record')} hint={t('consent.record.hint', 'Every field as stored. Records are never changed or deleted.')}>
      <Terms items={[...known, ...rest]} />
    </Section>
  );
};
