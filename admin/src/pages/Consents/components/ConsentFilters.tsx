import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Box, Button, Field, Grid, TextInput } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { CONSENT_ACTIONS, CONSENT_STATES, type ConsentFilter, type FilterKey } from '../../../api/types';
import { CHANNELS } from '../../../../../shared/contracts/constants';
import { CHANNEL_LABELS } from '../../ConsentDetail/components/ExpressedSection';
import { useActionLabel } from '../../../components/ActionBadge';
import { useStateLabel } from '../../../components/StateBadge';
import type { Options } from '../../../components/form/fields';
import { FilterSelect } from '../../../components/list/FilterSelect';
import { useT } from '../../../hooks/useT';
import { fromLocalInput, toLocalInput } from '../hooks/useConsentQuery';

interface Props {
  filter: ConsentFilter;
  setFilter: (key: FilterKey, value: string | undefined, replace?: boolean) => void;
  clear: () => void;
  agreements: Options;
  versions: Options;
  forms: Options;
  /** IP and subject are personal data: without the permission the server refuses them as filters. */
  personalData: boolean;
}

/**
 * A text filter typed freely: applied 500 ms after the last key or at once on Enter, so the log is
 * not reloaded on every character. The URL keeps the applied value; a link or the back button
 * brings it back into the input.
 */
const TextFilter = ({
  name,
  label,
  hint,
  value,
  onApply,
  placeholder,
}: {
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
const DateFilter = ({
  name,
  label,
  value,
  end,
  onApply,
}: {
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
  const action = useActionLabel();
  const stateLabel = useStateLabel();
  const label = (key: FilterKey) => t(`consents.filter.${key}`, key);

  const unknown: Partial<Record<FilterKey, (v: string) => string>> = {
    agreement: (id) => t('forms.agreement.numbered', 'Agreement #{id}', { id }),
    version: (id) => t('consents.filter.versionId', 'Version #{id}', { id }),
  };
  const select = (key: FilterKey, placeholder: string, options: Options, disabled = false) => (
    <FilterSelect
      labelled
      label={label(key)}
      placeholder={placeholder}
      options={options}
      value={filter[key]}
      onChange={(v) => setFilter(key, v)}
      disabled={disabled}
      unknown={unknown[key]}
    />
  );
  const text = (key: FilterKey, hint?: string) => (
    <TextFilter name={key} label={label(key)} hint={hint} value={filter[key]} onApply={(v) => setFilter(key, v, true)} />
  );
  const cells: [string, JSX.Element | false][] = [
    ['from', <DateFilter name="from" label={label('from')} value={filter.from} end={false} onApply={(v) => setFilter('from', v)} />],
    ['to', <DateFilter name="to" label={label('to')} value={filter.to} end onApply={(v) => setFilter('to', v)} />],
    ['agreement', select('agreement', t('consents.filter.agreement.all', 'All agreements'), agreements)],
    [
      'version',
      select(
        'version',
        filter.agreement ? t('consents.filter.version.all', 'All versions') : t('consents.filter.version.chooseAgreement', 'Choose an agreement first'),
        versions,
        !filter.agreement
      ),
    ],
    ['form', select('form', t('consents.filter.form.all', 'All forms'), forms)],
    [
      'action',
      select(
        'action',
        t('consents.filter.action.all', 'All actions'),
        CONSENT_ACTIONS.map((a) => [a, action(a)] as const)
      ),
    ],
    [
      'state',
      select(
        'state',
        t('consents.filter.state.all', 'All states'),
        CONSENT_STATES.map((s) => [s, stateLabel(s)] as const)
      ),
    ],
    [
      'channel',
      select(
        'channel',
        t('consents.filter.channel.all', 'All channels'),
        CHANNELS.map((c) => [c, t(`consents.channel.${c}`, CHANNEL_LABELS[c] ?? c)] as const)
      ),
    ],
    // IP and subject are personal data: without the permission the server refuses them as filters.
    ['ip', personalData && text('ip', t('consents.filter.ip.hint', 'Exact, or a prefix such as 203.0.113. or 2001:db8:*'))],
    ['pageUrl', text('pageUrl')],
    ['subject', personalData && text('subject', t('consents.filter.subject.hint', 'The whole address or number'))],
  ];

  return (
    <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius data-testid="consent-filters">
      <Grid.Root gap={4}>
        {cells.map(
          ([key, node]) =>
            node && (
              <Grid.Item key={key} col={3} s={6} xs={12} direction="column" alignItems="stretch">
                {node}
              </Grid.Item>
            )
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
