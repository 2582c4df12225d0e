import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Box, Button, Field, Grid, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { CONSENT_ACTIONS, type ConsentFilter, type FilterKey } from '../../../api/consents';
import { ACTION_LABELS } from '../../../components/ActionBadge';
import { useT } from '../../../hooks/useT';
import { fromLocalInput, toLocalInput } from '../hooks/useConsentQuery';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  filter: ConsentFilter;
  setFilter: (key: FilterKey, value: string | undefined, replace?: boolean) => void;
  clear: () => void;
  agreements: Option[];
  versions: Option[];
  forms: Option[];
  /** IP and subject are personal data: without the permission the server refuses them as filters. */
  personalData: boolean;
}

/** Keeps the current option selectable even when the list could not name it (no read permission). */
const withCurrent = (options: Option[], value: string | undefined, label: (v: string) => string) =>
  value && !options.some((o) => o.value === value) ? [...options, { value, label: label(value) }] : options;

/**
 * A text filter typed freely: applied 500 ms after the last key or at once on Enter, so the log is
 * not reloaded on every character. The URL keeps the applied value; a link or the back button
 * brings it back into the input.
 */
const TextFilter = ({ name, label, hint, value, onApply, placeholder }: {
  name: string;
  label: string;
  hint?: string;
  value: string | undefined;
  onApply: (value: string | undefined) => void;
  placeholder?: string;
}) => {
  const [draft, setDraft] = useState(value ?? '');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const applied = useRef(value ?? '');
  useEffect(() => {
    applied.current = value ?? '';
    setDraft(value ?? '');
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (v: string) => {
    clearTimeout(timer.current);
    const next = v.trim();
    if (next === applied.current) return;
    applied.current = next;
    onApply(next || undefined);
  };
  const change = (v: string) => {
    setDraft(v);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => apply(v), 500);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') apply(draft);
  };
  return (
    <Field.Root name={name} hint={hint} width="100%">
      <Field.Label>{label}</Field.Label>
      <TextInput value={draft} placeholder={placeholder} onChange={(e) => change(e.target.value)} onKeyDown={onKeyDown} onBlur={() => apply(draft)} size="S" />
      <Field.Hint />
    </Field.Root>
  );
};

/** A date-time bound in the viewer's local time; the URL and the server get UTC. */
const DateFilter = ({ name, label, value, end, onApply }: {
  name: string;
  label: string;
  value: string | undefined;
  end: boolean;
  onApply: (value: string | undefined) => void;
}) => {
  const [draft, setDraft] = useState(toLocalInput(value));
  useEffect(() => setDraft(toLocalInput(value)), [value]);
  return (
    <Field.Root name={name} width="100%">
      <Field.Label>{label}</Field.Label>
      <TextInput
        type="datetime-local"
        size="S"
        value={draft}
        onChange={(e) => {
          // The input gives "" while a date is half typed and a full value once complete.
          const v = e.target.value;
          setDraft(v);
          if (!v || !Number.isNaN(new Date(v).getTime())) onApply(fromLocalInput(v, end));
        }}
      />
    </Field.Root>
  );
};

export const ConsentFilters = ({ filter, setFilter, clear, agreements, versions, forms, personalData }: Props) => {
  const t = useT();

  const select = (key: FilterKey, label: string, placeholder: string, options: Option[], disabled = false) => (
    <Field.Root name={key} width="100%">
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        size="S"
        placeholder={placeholder}
        value={filter[key] ?? ''}
        disabled={disabled}
        onChange={(v) => setFilter(key, String(v) || undefined)}
        onClear={filter[key] ? () => setFilter(key, undefined) : undefined}
        clearLabel={t('filters.clear', 'Clear')}
      >
        {options.map((o) => (
          <SingleSelectOption key={o.value} value={o.value}>
            {o.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );

  const agreementOptions = withCurrent(agreements, filter.agreement, (id) => t('forms.agreement.numbered', 'Agreement #{id}', { id }));
  const versionOptions = withCurrent(versions, filter.version, (id) => t('consents.filter.versionId', 'Version #{id}', { id }));
  const formOptions = withCurrent(forms, filter.form, (key) => key);
  const actionOptions = CONSENT_ACTIONS.map((a) => ({ value: a, label: t(`consents.action.${a}`, ACTION_LABELS[a]) }));
  const cell = (node: JSX.Element, key: string) => (
    <Grid.Item key={key} col={3} s={6} xs={12} direction="column" alignItems="stretch">
      {node}
    </Grid.Item>
  );

  return (
    <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius data-testid="consent-filters">
      <Grid.Root gap={4}>
        {cell(<DateFilter name="from" label={t('consents.filter.from', 'From')} value={filter.from} end={false} onApply={(v) => setFilter('from', v)} />, 'from')}
        {cell(<DateFilter name="to" label={t('consents.filter.to', 'To')} value={filter.to} end onApply={(v) => setFilter('to', v)} />, 'to')}
        {cell(select('agreement', t('consents.filter.agreement', 'Agreement'), t('consents.filter.agreement.all', 'All agreements'), agreementOptions), 'agreement')}
        {cell(
          select(
            'version',
            t('consents.filter.version', 'Version'),
            filter.agreement ? t('consents.filter.version.all', 'All versions') : t('consents.filter.version.chooseAgreement', 'Choose an agreement first'),
            versionOptions,
            !filter.agreement
          ),
          'version'
        )}
        {cell(select('form', t('consents.filter.form', 'Source (form)'), t('consents.filter.form.all', 'All forms'), formOptions), 'form')}
        {cell(select('action', t('consents.filter.action', 'Action'), t('consents.filter.action.all', 'All actions'), actionOptions), 'action')}
        {personalData &&
          cell(
            <TextFilter
              name="ip"
              label={t('consents.filter.ip', 'IP address')}
              hint={t('consents.filter.ip.hint', 'Exact, or a prefix such as 203.0.113. or 2001:db8:*')}
              value={filter.ip}
              onApply={(v) => setFilter('ip', v, true)}
            />,
            'ip'
          )}
        {cell(
          <TextFilter
            name="pageUrl"
            label={t('consents.filter.pageUrl', 'Page URL contains')}
            value={filter.pageUrl}
            onApply={(v) => setFilter('pageUrl', v, true)}
          />,
          'pageUrl'
        )}
        {personalData &&
          cell(
            <TextFilter
              name="subject"
              label={t('consents.filter.subject', 'Subject (e-mail or phone)')}
              hint={t('consents.filter.subject.hint', 'The whole address or number')}
              value={filter.subject}
              onApply={(v) => setFilter('subject', v, true)}
            />,
            'subject'
          )}
        <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="flex-start" justifyContent="flex-end">
          <Box paddingTop={6}>
            <Button variant="tertiary" size="S" startIcon={<Cross />} onClick={clear} disabled={Object.keys(filter).length === 0}>
              {t('consents.filter.clearAll', 'Clear filters')}
            </Button>
          </Box>
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
};
