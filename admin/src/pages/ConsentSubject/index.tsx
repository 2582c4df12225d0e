import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Box,
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  Grid,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Search } from '@strapi/icons';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import { useConsentApi } from '../../api';
import { ActionBadge } from '../../components/ActionBadge';
import { DateTime } from '../../components/DateTime';
import { Section } from '../../components/Section';
import { useAllowed } from '../../hooks/useAllowed';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiError } from '../../utils/apiError';

const LIST = `/plugins/${PLUGIN_ID}/consents`;
type Kind = 'email' | 'phone';

/**
 * A data-subject request: every consent event of one person, found by e-mail or phone, and the
 * current state of their consent to each agreement (derived from the latest event). The search
 * is kept in the URL so that a record's page can link here.
 */
export const ConsentSubjectPage = () => {
  const t = useT();
  const api = useConsentApi();
  const navigate = useNavigate();
  const allowed = useAllowed();
  const [params, setParams] = useSearchParams();
  const applied: { kind: Kind; value: string } | null = params.get('email')
    ? { kind: 'email', value: params.get('email')! }
    : params.get('phone')
      ? { kind: 'phone', value: params.get('phone')! }
      : null;

  const [kind, setKind] = useState<Kind>(applied?.kind ?? 'email');
  const [value, setValue] = useState(applied?.value ?? '');
  // A link or the back button changes the URL: the form shows what is searched.
  useEffect(() => {
    const email = params.get('email');
    const phone = params.get('phone');
    if (email) {
      setKind('email');
      setValue(email);
    } else if (phone) {
      setKind('phone');
      setValue(phone);
    }
  }, [params]);

  const report = useLoad(
    () => api.consents.subject(applied ? { [applied.kind]: applied.value } : {}),
    `subject:${params.toString()}`,
    !!applied
  );
  const agreements = useLoad(() => api.agreements.list({ pageSize: 100 }), 'agreements', allowed.agreementsRead);
  const names = new Map((agreements.data?.data ?? []).map((a) => [a.id, a.name]));
  const nameOf = (id: number) => names.get(id) ?? t('forms.agreement.numbered', 'Agreement #{id}', { id });

  const search = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    if (v) setParams({ [kind]: v });
  };

  const problem = report.error ? apiError(report.error) : null;
  if (report.error && !problem) return <Page.Error />;
  const data = applied ? report.data : undefined;
  const events = data?.events ?? [];
  const versionOf = (eventId: number) => events.find((e) => e.id === eventId)?.versionNumber;

  return (
    <Page.Main>
      <Page.Title>{t('subject.title', 'Data subject')}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST} />}
        title={t('subject.title', 'Data subject')}
        subtitle={t('subject.subtitle', 'Every consent event of one person and where each of their consents stands: to answer a data-subject request')}
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
                    <Button type="submit" startIcon={<Search />} disabled={!value.trim()} loading={report.isLoading && !!applied}>
                      {t('subject.find', 'Find')}
                    </Button>
                  </Box>
                </Grid.Item>
              </Grid.Root>
            </form>
          </Box>

          {problem && (
            <Alert variant="danger" closeLabel={t('actions.close', 'Close')} title={t('subject.refused', 'The search was refused')}>
              {problem.message}
            </Alert>
          )}
          {applied && !problem && !data && <Page.Loading />}
          {data && events.length === 0 && <EmptyStateLayout content={t('subject.none', 'No consent events of this person')} />}
          {data && events.length > 0 && (
            <>
              <Section title={t('subject.current', 'Current state per agreement')}>
                <Table colCount={4} rowCount={data.current.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{t('consents.col.agreement', 'Agreement')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('subject.state', 'State')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('subject.since', 'Since')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('agreements.version', 'Version')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {data.current.map((c) => (
                      <Tr key={c.agreement} data-testid="subject-current" onClick={() => navigate(`${LIST}/${c.event}`)} style={{ cursor: 'pointer' }}>
                        <Td><Typography fontWeight="semiBold">{nameOf(c.agreement)}</Typography></Td>
                        <Td><ActionBadge action={c.state} /></Td>
                        <Td><DateTime value={c.since} /></Td>
                        <Td>
                          <Typography>
                            {versionOf(c.event) ? t('agreements.versionNumber', 'v{number}', { number: versionOf(c.event)! }) : `#${c.version}`}
                          </Typography>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              </Section>
              <Section title={t('subject.events', '{count, plural, one {# event} other {# events}}', { count: events.length })}>
                <Table colCount={6} rowCount={events.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{t('consents.col.date', 'Date')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('consents.col.agreement', 'Agreement')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('consents.col.action', 'Action')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('consents.col.source', 'Source')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('consents.col.ip', 'IP')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('consents.col.pageUrl', 'Page URL')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {events.map((e) => (
                      <Tr key={e.id} data-testid="subject-event" onClick={() => navigate(`${LIST}/${e.id}`)} style={{ cursor: 'pointer' }}>
                        <Td><DateTime value={e.recordedAt} /></Td>
                        <Td>
                          <Typography>
                            {nameOf(e.agreementId)}
                            {e.versionNumber ? ` · ${t('agreements.versionNumber', 'v{number}', { number: e.versionNumber })}` : ''}
                          </Typography>
                        </Td>
                        <Td><ActionBadge action={e.action} /></Td>
                        <Td><Typography style={{ fontFamily: 'monospace' }}>{e.formKey ?? '—'}</Typography></Td>
                        <Td><Typography style={{ fontFamily: 'monospace' }}>{e.ip ?? '—'}</Typography></Td>
                        <Td>
                          <Typography ellipsis tag="div" title={e.pageUrl ?? undefined} style={{ maxWidth: '18rem' }}>{e.pageUrl ?? '—'}</Typography>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              </Section>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ConsentSubjectPage;
