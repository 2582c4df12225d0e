import { useEffect, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { useLocation, useNavigate } from 'react-router-dom';
import { Alert, Box, Button, EmptyStateLayout, Field, Flex, Grid, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { Search, Trash } from '@strapi/icons';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import type { ErasureResult } from '../../../../shared/contracts/personal';
import { useSubjectQuery } from '../../api';
import type { SubjectEvent, SubjectLookup } from '../../api/types';
import { ActDownloadButton } from '../../components/ActDownloadButton';
import { ActionBadge } from '../../components/ActionBadge';
import { StateBadge } from '../../components/StateBadge';
import { DateTime } from '../../components/DateTime';
import { ErasedBadge } from '../../components/ErasedBadge';
import { DataTable } from '../../components/list/DataTable';
import { Section } from '../../components/Section';
import { useAgreementDirectory } from '../../hooks/useAgreementDirectory';
import { useAllowed } from '../../hooks/useAllowed';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiError } from '../../utils/apiError';
import { EraseModal } from './components/EraseModal';
import { ExportButtons } from './components/ExportButtons';

const LIST = `/plugins/${PLUGIN_ID}/consents`;
type Kind = 'email' | 'phone';

/** The person a link (or this page's own history entry) names in the router state, never in the URL. */
const lookupOf = (state: unknown): SubjectLookup | null => {
  const s = (state ?? {}) as { email?: unknown; phone?: unknown };
  if (typeof s.email === 'string' && s.email) return { email: s.email };
  if (typeof s.phone === 'string' && s.phone) return { phone: s.phone };
  return null;
};
const kindOf = (who: SubjectLookup): Kind => ('email' in who ? 'email' : 'phone');
const valueOf = (who: SubjectLookup) => ('email' in who ? who.email : who.phone);

const mono = { fontFamily: 'monospace' };

/** The events of one person, oldest first; an erased one shows "erased" where its IP was. */
const EventsTable = ({ events, nameOf }: { events: SubjectEvent[]; nameOf: (id: number | null) => string }) => {
  const t = useT();
  const navigate = useNavigate();
  return (
    <DataTable
      bare
      rows={events}
      onRowClick={(e) => navigate(`${LIST}/${e.id}`)}
      rowProps={(e) => ({ 'data-testid': 'subject-event', 'data-erased': e.erased ? 'true' : 'false' })}
      columns={[
        { key: 'date', label: t('consents.col.date', 'Date'), cell: (e) => <DateTime value={e.recordedAt} /> },
        {
          key: 'agreement',
          label: t('consents.col.agreement', 'Agreement'),
          // One line of a fixed width (the whole name on hover), so that the table fits 1280 px in both languages.
          cell: (e) => {
            const text = `${nameOf(e.agreementId)}${e.versionNumber ? ` · ${t('agreements.versionNumber', 'v{number}', { number: e.versionNumber })}` : ''}`;
            return (
              <Typography ellipsis tag="div" title={text} style={{ width: '18rem' }}>
                {text}
              </Typography>
            );
          },
        },
        { key: 'action', label: t('consents.col.action', 'Action'), cell: (e) => <ActionBadge action={e.action} /> },
        {
          key: 'source',
          label: t('consents.col.source', 'Source'),
          // The page address under the form, as in the log.
          cell: (e) => (
            <Box style={{ width: '14rem' }}>
              <Typography ellipsis tag="div" style={mono}>
                {e.formKey ?? '—'}
              </Typography>
              <Typography ellipsis tag="div" variant="pi" textColor="neutral600" title={e.pageUrl ?? undefined}>
                {e.pageUrl ?? '—'}
              </Typography>
            </Box>
          ),
        },
        {
          key: 'ip',
          label: t('consents.col.ip', 'IP'),
          cell: (e) => (e.erased ? <ErasedBadge /> : <Typography style={mono}>{e.ip ?? '—'}</Typography>),
        },
      ]}
    />
  );
};

/**
 * A data-subject request: every consent event of one person, found by e-mail or phone, and the
 * current state of their consent to each agreement (derived from the latest event); from here the
 * person's data is exported or destroyed. The e-mail or phone is personal data, so it never goes
 * into a URL: the look-up is a POST, the search lives in this page's state, and a record's page
 * passes the person in the router state (kept in the history entry, so that "back" shows it again).
 */
export const ConsentSubjectPage = () => {
  const t = useT();
  const { formatDate } = useIntl();
  const navigate = useNavigate();
  const location = useLocation();
  const allowed = useAllowed();
  const [applied, setApplied] = useState<SubjectLookup | null>(() => lookupOf(location.state));
  const [kind, setKind] = useState<Kind>(applied ? kindOf(applied) : 'email');
  const [value, setValue] = useState(applied ? valueOf(applied) : '');
  const [erasing, setErasing] = useState(false);
  /** The last erasure made here, and the events it covered as they were shown (their personal data left out). */
  const [erasure, setErasure] = useState<{ result: ErasureResult; events: SubjectEvent[] } | null>(null);
  const [resultShown, setResultShown] = useState(false);

  // A link from a record's page (or "back" to this page) brings the person in the router state.
  useEffect(() => {
    const who = lookupOf(location.state);
    if (who) {
      setApplied(who);
      setKind(kindOf(who));
      setValue(valueOf(who));
    }
  }, [location.state]);

  // The query is keyed by the person: another person's events never show under this search.
  const report = useSubjectQuery(applied as SubjectLookup, { skip: !applied });
  const { nameOf } = useAgreementDirectory();

  const search = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    if (!v) return;
    const who: SubjectLookup = kind === 'email' ? { email: v } : { phone: v };
    setErasure(null);
    if (applied && JSON.stringify(applied) === JSON.stringify(who)) report.refetch();
    else setApplied(who);
    navigate(location.pathname, { replace: true, state: who });
  };

  const problem = report.error ? apiError(report.error) : null;
  if (report.error && !problem) return <Page.Error />;
  const data = applied ? report.currentData : undefined;
  const events = data?.events ?? [];
  const versionOf = (eventId: number) => events.find((e) => e.id === eventId)?.versionNumber;
  const erasedCount = events.filter((e) => e.erased).length;
  const found = !!applied && !!data && events.length > 0;

  return (
    <Page.Main>
      <Page.Title>{t('subject.title', 'Data subject')}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST} />}
        title={t('subject.title', 'Data subject')}
        subtitle={t('subject.subtitle', 'Every consent event of one person and where each of their consents stands: to answer a data-subject request')}
        primaryAction={
          found ? (
            <Flex gap={2} wrap="wrap">
              {allowed.consentsRead && allowed.personalData && <ExportButtons who={applied!} />}
              {allowed.consentsErase && (
                <Button variant="danger-light" startIcon={<Trash />} onClick={() => setErasing(true)}>
                  {t('erasure.title', 'Erase personal data')}
                </Button>
              )}
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
            <form onSubmit={search}>
              <Grid.Root gap={4}>
                <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="kind" width="100%">
                    <Field.Label>{t('subject.kind', 'Find by')}</Field.Label>
                    <SingleSelect value={kind} onChange={(v) => setKind(v as Kind)}>
                      <SingleSelectOption value="email">{t('subject.kind.email', 'E-mail')}</SingleSelectOption>
                      <SingleSelectOption value="phone">{t('subject.kind.phone', 'Phone')}</SingleSelectOption>
                    </SingleSelect>
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="value" width="100%" hint={t('subject.value.hint', 'The whole address or number, as the person gave it; matched exactly')}>
                    <Field.Label>{kind === 'email' ? t('subject.kind.email', 'E-mail') : t('subject.kind.phone', 'Phone')}</Field.Label>
                    <TextInput type={kind === 'email' ? 'email' : 'tel'} value={value} onChange={(e) => setValue(e.target.value)} />
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={3} s={12} direction="column" alignItems="flex-start">
                  <Box paddingTop={6}>
                    <Button type="submit" startIcon={<Search />} disabled={!value.trim()} loading={report.isFetching && !!applied}>
                      {t('subject.find', 'Find')}
                    </Button>
                  </Box>
                </Grid.Item>
              </Grid.Root>
            </form>
          </Box>

          {erasure && resultShown && (
            <Alert
              variant="success"
              closeLabel={t('actions.close', 'Close')}
              onClose={() => setResultShown(false)}
              title={t('erasure.done.title', 'Personal data destroyed')}
              action={<ActDownloadButton actId={erasure.result.id} size="S" />}
              data-testid="erasure-result"
            >
              {t(
                'erasure.done',
                'Act No. {id} of {date}: the personal data of {events, plural, one {# consent event} other {# consent events}} ({subjects, plural, one {# person} other {# persons}}) was destroyed.',
                {
                  id: erasure.result.id,
                  date: formatDate(erasure.result.erasedAt, { dateStyle: 'medium', timeStyle: 'short' }),
                  events: erasure.result.events,
                  subjects: erasure.result.subjects,
                }
              )}
            </Alert>
          )}
          {problem && (
            <Alert variant="danger" closeLabel={t('actions.close', 'Close')} title={t('subject.refused', 'The search was refused')}>
              {problem.message}
            </Alert>
          )}
          {applied && !problem && !data && <Page.Loading />}
          {data && events.length === 0 && !erasure?.events.length && <EmptyStateLayout content={t('subject.none', 'No consent events of this person')} />}
          {data && events.length === 0 && !!erasure?.events.length && (
            // The e-mail and phone were destroyed with the rest: the person cannot be found again, so the
            // events just erased are shown from before the erasure, without their personal data.
            <Section
              title={t('subject.erasedEvents', 'Events whose personal data was destroyed by act No. {id}', { id: erasure.result.id })}
              hint={t(
                'subject.erasedEvents.hint',
                'This person can no longer be found: their e-mail and phone were destroyed too. The events stay in the consent log as proof, marked erased.'
              )}
            >
              <EventsTable events={erasure.events} nameOf={nameOf} />
            </Section>
          )}
          {data && events.length > 0 && (
            <>
              <Section title={t('subject.current', 'Current state per agreement')}>
                <DataTable
                  bare
                  rows={data.current}
                  rowKey={(c) => c.agreement}
                  onRowClick={(c) => navigate(`${LIST}/${c.event}`)}
                  rowProps={() => ({ 'data-testid': 'subject-current' })}
                  columns={[
                    { key: 'agreement', label: t('consents.col.agreement', 'Agreement'), cell: (c) => nameOf(c.agreement), strong: true },
                    { key: 'state', label: t('subject.state', 'State'), cell: (c) => <StateBadge state={c.state} /> },
                    { key: 'since', label: t('subject.since', 'Since'), cell: (c) => <DateTime value={c.since} /> },
                    {
                      key: 'version',
                      label: t('agreements.version', 'Version'),
                      cell: (c) => (versionOf(c.event) ? t('agreements.versionNumber', 'v{number}', { number: versionOf(c.event)! }) : `#${c.version}`),
                    },
                  ]}
                />
              </Section>
              <Section
                title={t('subject.events', '{count, plural, one {# event} other {# events}}', { count: events.length })}
                hint={
                  erasedCount
                    ? t(
                        'subject.erasedCount',
                        'Personal data destroyed for {count} of them: the events stay as proof, without the person’s identity, IP and browser.',
                        { count: erasedCount }
                      )
                    : undefined
                }
              >
                <EventsTable events={events} nameOf={nameOf} />
              </Section>
            </>
          )}
        </Flex>
      </Layouts.Content>
      {erasing && applied && (
        <EraseModal
          who={applied}
          onClose={() => setErasing(false)}
          onDone={(result) => {
            setErasing(false);
            setErasure({
              result,
              events: events.map((e) => ({ ...e, subject: null, ip: null, userAgent: null, erased: true })),
            });
            // The erasure invalidates the person's look-up: it is made again by itself.
            setResultShown(true);
          }}
        />
      )}
    </Page.Main>
  );
};

export default ConsentSubjectPage;
