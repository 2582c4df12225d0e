import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { Alert, Box, Button, Field, Flex, Grid, LinkButton, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { ListSearch, Upload } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { IMPORT_COLUMNS, LIMITS } from '../../../../shared/contracts/constants';
import type { ImportConsents, ImportedEvidence, RecordImportedConsent } from '../../../../shared/contracts/imports';
import { useAgreementVersionsQuery, useImportCsvMutation, useImportOneMutation } from '../../api';
import { DataTable } from '../../components/list/DataTable';
import { Section } from '../../components/Section';
import { Mono, Terms } from '../../components/Term';
import { getTranslation } from '../../utils/getTranslation';
import { useAgreementDirectory } from '../../hooks/useAgreementDirectory';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiError } from '../../utils/apiError';
import { fieldMessage, type FieldIssue } from '../../utils/validationMessages';

const LOG = `/plugins/${PLUGIN_ID}/consents`;

/** What the example in the help shows: a CSV an operator could type or export from a spreadsheet. */
const EXAMPLE = [
  'email;phone;name;externalId;version;agreement;versionNumber;decision;collectedAt;note',
  'anna@example.com;;Anna Petrova;;12;;;given;2025-03-05;Paper form No. 118',
  ';+7 900 000-00-00;;crm:42;;3;2;refused;2025-03-06T14:30:00+03:00;Call recording 2025-03-06',
].join('\n');

type Issue = FieldIssue & { row?: number; field?: string | null };

/** A file input in Strapi's field frame (the design system has none for a plain file). */
const FileField = ({ name, label, hint, accept, onChange, testId }: { name: string; label: string; hint: string; accept?: string; onChange: (f: File | null) => void; testId: string }) => (
  <Field.Root name={name} hint={hint} required>
    <Field.Label>{label}</Field.Label>
    <Box paddingTop={1} paddingBottom={1}>
      <input type="file" name={name} accept={accept} data-testid={testId} onChange={(e) => onChange(e.target.files?.[0] ?? null)} />
    </Box>
    <Field.Hint />
  </Field.Root>
);

/**
 * A refusal in the admin's language: the server's summary, then each row and field with what is
 * wrong (by its code: utils/validationMessages), so that the operator fixes the file and sends it again.
 */
const Refusal = ({ error, byRow }: { error: unknown; byRow: boolean }) => {
  const t = useT();
  const body = apiError(error);
  const issues = (body?.details?.errors ?? []) as Issue[];
  const rows = (body?.details as { rows?: number[] } | undefined)?.rows ?? [];
  const columnOf = (i: Issue) => (i.field ? (IMPORT_COLUMNS as readonly string[]).includes(i.field) || ['file', 'evidence', 'subject'].includes(i.field) ? t(`import.field.${i.field}`, i.field) : i.field : '—');
  return (
    <Alert variant="danger" closeLabel={t('import.close', 'Close')} title={t('import.refused.title', 'Nothing was imported')} data-testid="import-refused">
      <Flex direction="column" alignItems="stretch" gap={3} paddingTop={2}>
        <Typography>
          {body?.status === 403
            ? t('import.refused.forbidden', 'Your role may not import consents.')
            : byRow && rows.length
              ? t('import.refused.rows', 'Fix these rows and send the file again: {rows}.', { rows: rows.join(', ') })
              : t('import.refused.fields', 'Fix these fields and send again.')}
        </Typography>
        {issues.length > 0 && (
          <DataTable
            bare
            rows={issues.map((i, n) => ({ ...i, id: n }))}
            rowProps={(i) => ({ 'data-testid': 'import-issue', 'data-row': String(i.row ?? ''), 'data-code': String(i.code ?? '') })}
            columns={[
              ...(byRow ? [{ key: 'row', label: t('import.issue.row', 'Row'), cell: (i: Issue) => String(i.row ?? '—') }] : []),
              { key: 'field', label: t('import.issue.field', 'Column'), cell: (i: Issue) => columnOf(i) },
              {
                key: 'message',
                label: t('import.issue.message', 'What is wrong'),
                cell: (i: Issue) => (
                  <Typography style={{ whiteSpace: 'normal', maxWidth: '36rem' }} data-testid="import-issue-message">
                    {fieldMessage(i, t)}
                  </Typography>
                ),
              },
            ]}
          />
        )}
        {(body?.details as { truncated?: boolean } | undefined)?.truncated && (
          <Typography textColor="neutral600">{t('import.refused.truncated', 'Only the first problems are listed.')}</Typography>
        )}
      </Flex>
    </Alert>
  );
};

const Evidence = ({ evidence }: { evidence: ImportedEvidence }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    <Typography>{evidence.name}</Typography>
    <Mono>SHA-256 {evidence.sha256}</Mono>
  </Flex>
);

/**
 * A section whose form sends files (multipart) and shows the answer: the outcome, or the refusal with
 * each problem. The CSV import and the consent by hand both are one. After a success the form starts
 * empty again (its inputs are mounted anew and `onSent` empties the caller's state), so that the same
 * files are not sent twice by a second click.
 */
function UploadForm<R>({
  id,
  title,
  hint,
  build,
  send,
  loading,
  ready,
  submitLabel,
  byRow,
  onSent,
  outcome,
  children,
}: {
  /** The test ids: `<id>-form`, `<id>-submit`. */
  id: string;
  title: string;
  hint: string;
  build: () => FormData;
  send: (form: FormData) => { unwrap: () => Promise<R> };
  loading: boolean;
  ready: boolean;
  submitLabel: string;
  byRow: boolean;
  onSent: () => void;
  outcome: (result: R, close: () => void) => ReactNode;
  children: ReactNode;
}) {
  const [key, setKey] = useState(0);
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setError(null);
    try {
      setResult(await send(build()).unwrap());
      onSent();
      setKey((k) => k + 1);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Section title={title} hint={hint}>
      <form onSubmit={submit} data-testid={`${id}-form`}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Fragment key={key}>{children}</Fragment>
          <Flex>
            <Button type="submit" startIcon={<Upload />} loading={loading} disabled={!ready} data-testid={`${id}-submit`}>
              {submitLabel}
            </Button>
          </Flex>
          {error ? <Refusal error={error} byRow={byRow} /> : null}
          {result !== null && outcome(result, () => setResult(null))}
        </Flex>
      </form>
    </Section>
  );
}

/** What a CSV import did: the consents stored, the rows skipped as imported before, where they are. */
const CsvOutcome = ({ result, onClose }: { result: ImportConsents.Summary; onClose: () => void }) => {
  const t = useT();
  const stored = result.imported > 0;
  return (
    <Alert
      variant={stored ? 'success' : 'default'}
      closeLabel={t('import.close', 'Close')}
      title={stored ? t('import.done.title', 'Imported') : t('import.done.nothing', 'Nothing new to import')}
      onClose={onClose}
      data-testid="import-done"
    >
      <Flex direction="column" alignItems="stretch" gap={3} paddingTop={2}>
        <Typography data-testid="import-done-summary">
          {stored
            ? t('import.done.summary', '{imported, plural, one {# consent} other {# consents}} imported: {given} given, {refused} refused.', {
                imported: result.imported,
                given: result.given,
                refused: result.refused,
              })
            : t('import.done.noEvidence', 'Every row was imported before: nothing was stored, and the evidence file was not kept.')}
        </Typography>
        {result.duplicates > 0 && (
          <Typography data-testid="import-done-duplicates">
            {t('import.done.duplicates', '{duplicates, plural, one {# row was imported before and is skipped} other {# rows were imported before and are skipped}}: {rows}.', {
              duplicates: result.duplicates,
              rows: result.duplicateRows.join(', '),
            })}
          </Typography>
        )}
        {stored && result.evidence && (
          <Terms
            items={[
              { key: 'seq', label: t('import.done.seq', 'Numbers in the chain'), value: `${result.firstSeq}–${result.lastSeq}` },
              { key: 'evidence', label: t('import.evidence', 'Evidence'), value: <Evidence evidence={result.evidence} />, wide: true },
            ]}
          />
        )}
        <Flex>
          <LinkButton tag={NavLink} to={`${LOG}?channel=import`} variant="secondary" startIcon={<ListSearch />} data-testid="import-log-link">
            {t('import.done.log', 'Open the imported consents in the log')}
          </LinkButton>
        </Flex>
      </Flex>
    </Alert>
  );
};

/** The CSV import: the two files, and the answer (a summary, or the refused rows). */
const CsvImport = () => {
  const t = useT();
  const [csv, setCsv] = useState<File | null>(null);
  const [evidence, setEvidence] = useState<File | null>(null);
  const [send, { isLoading }] = useImportCsvMutation();
  const build = () => {
    const form = new FormData();
    if (csv) form.append('file', csv);
    if (evidence) form.append('evidence', evidence);
    return form;
  };

  return (
    <UploadForm<ImportConsents.Summary>
      id="import-csv"
      title={t('import.csv.title', 'From a CSV file')}
      hint={t('import.csv.hint', 'One consent a row. One bad row refuses the whole file: nothing is stored until every row is right.')}
      build={build}
      send={send}
      loading={isLoading}
      ready={Boolean(csv && evidence)}
      submitLabel={t('import.csv.submit', 'Import')}
      byRow
      onSent={() => {
        setCsv(null);
        setEvidence(null);
      }}
      outcome={(result, close) => <CsvOutcome result={result} onClose={close} />}
    >
      <Grid.Root gap={4}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <FileField
            name="file"
            testId="import-csv-file"
            accept=".csv,text/csv"
            label={t('import.csv.file', 'CSV file')}
            hint={t('import.csv.file.hint', 'UTF-8, delimiter "," or ";", at most {rows} rows', { rows: LIMITS.importRows })}
            onChange={setCsv}
          />
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <FileField
            name="evidence"
            testId="import-csv-evidence"
            label={t('import.evidence', 'Evidence')}
            hint={t('import.evidence.csvHint', 'One file for every row: the scans, the call recordings or the export of the old system (a PDF or an archive)')}
            onChange={setEvidence}
          />
        </Grid.Item>
      </Grid.Root>
    </UploadForm>
  );
};

/** The format of the CSV: its columns and an example. */
const Format = () => {
  const t = useT();
  const { formatMessage } = useIntl();
  const column = (name: string, required: ReactNode, text: ReactNode) => ({ id: name, name, required, text });
  // The two codes as they are written in the file, in a monospace font; their meaning in the admin's language.
  const decision = formatMessage(
    { id: getTranslation('import.format.decision'), defaultMessage: '{given} (consent given) or {refused}' },
    { given: <Mono key="given">given</Mono>, refused: <Mono key="refused">refused</Mono> }
  );
  const rows = [
    column('email', t('import.format.oneOf', 'one of these'), t('import.format.email', 'The person’s e-mail')),
    column('phone', t('import.format.oneOf', 'one of these'), t('import.format.phone', 'Their phone number')),
    column('externalId', t('import.format.oneOf', 'one of these'), t('import.format.externalId', 'Their id in your system (e.g. a CRM id)')),
    column('name', '', t('import.format.name', 'Their name')),
    column('version', t('import.format.versionOr', 'or the next two'), t('import.format.version', 'The id of the agreement version the person agreed to (shown on the agreement’s page)')),
    column('agreement', '', t('import.format.agreement', 'The agreement’s id…')),
    column('versionNumber', '', t('import.format.versionNumber', '…and the number of its version (v1, v2: 1, 2)')),
    column('decision', t('import.format.required', 'required'), decision),
    column('collectedAt', t('import.format.required', 'required'), t('import.format.collectedAt', 'When the person decided: 2025-03-05, or 2025-03-05T14:30:00+03:00 (not in the future); validity counts from it')),
    column('note', '', t('import.format.note', 'How it was collected (kept with the personal data)')),
  ];
  return (
    <Section title={t('import.format.title', 'Format of the file')} hint={t('import.format.hint', 'The first row names the columns, in any order. Columns other than these refuse the file.')}>
      <DataTable
        bare
        rows={rows}
        columns={[
          { key: 'name', label: t('import.format.column', 'Column'), cell: (r) => <Mono>{r.name}</Mono> },
          { key: 'required', label: t('import.format.needed', 'Needed'), cell: (r) => r.required || '—' },
          { key: 'text', label: t('import.format.meaning', 'Meaning'), cell: (r) => <Typography style={{ whiteSpace: 'normal' }}>{r.text}</Typography> },
        ]}
      />
      <Box background="neutral100" padding={3} hasRadius>
        <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: '1.2rem' }}>{EXAMPLE}</pre>
      </Box>
    </Section>
  );
};

/** One consent recorded by hand: a letter, a phone call, a paper form at the desk. */
const OneConsent = () => {
  const t = useT();
  const directory = useAgreementDirectory();
  const [fields, setFields] = useState<Record<string, string>>({ decision: 'given' });
  const [evidence, setEvidence] = useState<File | null>(null);
  const versions = useAgreementVersionsQuery(fields.agreement ?? '', { skip: !fields.agreement });
  const [send, { isLoading }] = useImportOneMutation();
  const set = (name: string) => (value: string) => setFields((f) => ({ ...f, [name]: value }));

  const build = () => {
    const form = new FormData();
    // The agreement picks the versions offered; the server is sent the version's id.
    for (const [name, value] of Object.entries(fields)) if (name !== 'agreement' && value.trim()) form.append(name, name === 'collectedAt' ? toIso(value) : value.trim());
    if (evidence) form.append('evidence', evidence);
    return form;
  };
  const text = (name: string, label: string, type = 'text') => (
    <Field.Root name={name} width="100%">
      <Field.Label>{label}</Field.Label>
      <TextInput type={type} value={fields[name] ?? ''} onChange={(e: { target: { value: string } }) => set(name)(e.target.value)} />
    </Field.Root>
  );

  return (
    <UploadForm<RecordImportedConsent.Response['data']>
      id="import-one"
      title={t('import.one.title', 'One consent by hand')}
      hint={t('import.one.hint', 'A consent received by letter, by phone or on paper at the desk, with its evidence.')}
      build={build}
      send={send}
      loading={isLoading}
      ready={Boolean(evidence)}
      submitLabel={t('import.one.submit', 'Record the consent')}
      byRow={false}
      onSent={() => {
        setFields({ decision: 'given' });
        setEvidence(null);
      }}
      outcome={(result, close) => (
        <Alert variant="success" closeLabel={t('import.close', 'Close')} title={t('import.one.done', 'Recorded')} onClose={close} data-testid="import-one-done">
          <Flex gap={2} paddingTop={2}>
            <LinkButton tag={NavLink} to={`${LOG}/${result.id}`} variant="secondary">
              {t('consent.recordLink', 'Record #{id}', { id: result.id })}
            </LinkButton>
          </Flex>
        </Alert>
      )}
    >
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {text('email', t('import.field.email', 'E-mail'), 'email')}
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {text('phone', t('import.field.phone', 'Phone'))}
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {text('externalId', t('import.field.externalId', 'Id in your system'))}
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {text('name', t('import.field.name', 'Name'))}
        </Grid.Item>
        {directory.canRead ? (
          <>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Field.Root name="agreement" width="100%">
                <Field.Label>{t('import.field.agreement', 'Agreement')}</Field.Label>
                <SingleSelect value={fields.agreement ?? ''} onChange={(v: string | number) => setFields((f) => ({ ...f, agreement: String(v), version: '' }))}>
                  {directory.rows.map((a) => (
                    <SingleSelectOption key={a.id} value={String(a.id)}>
                      {a.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Field.Root name="version" width="100%">
                <Field.Label>{t('import.field.version', 'Version')}</Field.Label>
                <SingleSelect value={fields.version ?? ''} disabled={!fields.agreement} onChange={(v: string | number) => set('version')(String(v))}>
                  {(versions.data ?? []).map((v) => (
                    <SingleSelectOption key={v.id} value={String(v.id)}>
                      {t('agreements.versionNumber', 'v{number}', { number: v.number })}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Grid.Item>
          </>
        ) : (
          <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
            {text('version', t('import.field.versionId', 'Agreement version id'))}
          </Grid.Item>
        )}
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <Field.Root name="decision" width="100%">
            <Field.Label>{t('import.field.decision', 'Decision')}</Field.Label>
            <SingleSelect value={fields.decision} onChange={(v: string | number) => set('decision')(String(v))}>
              <SingleSelectOption value="given">{t('import.decision.given', 'Given')}</SingleSelectOption>
              <SingleSelectOption value="refused">{t('import.decision.refused', 'Refused')}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {text('collectedAt', t('import.field.collectedAt', 'Given at (when the person decided)'), 'datetime-local')}
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <FileField
            name="evidence"
            testId="import-one-evidence"
            label={t('import.evidence', 'Evidence')}
            hint={t('import.evidence.oneHint', 'The scan, the photo or the recording')}
            onChange={setEvidence}
          />
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <Field.Root name="note" width="100%">
            <Field.Label>{t('import.field.note', 'Note')}</Field.Label>
            <Textarea value={fields.note ?? ''} onChange={(e: { target: { value: string } }) => set('note')(e.target.value)} />
          </Field.Root>
        </Grid.Item>
      </Grid.Root>
    </UploadForm>
  );
};

/** A datetime-local value (the admin's local time) as ISO UTC; anything else as typed, for the server to refuse. */
const toIso = (local: string) => {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
};

/**
 * «Импорт согласий»: consents collected elsewhere (paper, phone, an old system) recorded with their
 * original time and an evidence file, from a CSV or one by hand. They join the chain like any consent.
 */
export const ImportPage = () => {
  const t = useT();
  const title = t('import.title', 'Import consents');
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('import.subtitle', 'Consents collected elsewhere — on paper, by phone, in another system — with the time they were given and the evidence.')}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <CsvImport />
          <Format />
          <OneConsent />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ImportPage;
