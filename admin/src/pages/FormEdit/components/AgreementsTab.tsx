import { useState } from 'react';
import {
  Alert,
  Box,
  EmptyStateLayout,
  Field,
  Flex,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  Status,
  Typography,
} from '@strapi/design-system';
import { ArrowDown, ArrowUp, Pencil, Trash } from '@strapi/icons';
import {
  BEHAVIOURS,
  behaviourFlags,
  type Behaviour,
  type FormAgreement,
  type FormWarning,
} from '../../../../../shared/contracts/forms';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import type { AgreementCatalogue } from '../hooks/useAgreementCatalogue';
import { BEHAVIOUR_LABELS, defaultBehaviour, gdprPrechecked, type TabProps } from '../hooks/useFormEditor';
import { useReorder } from '../hooks/useReorder';

/** The server refuses more (validation/form.ts). */
const MAX_AGREEMENTS = 20;

const BEHAVIOUR_HINTS: Record<Behaviour, string> = {
  'required-prechecked': 'The box is already ticked; the form cannot be sent without it.',
  'required-read': 'The box can be ticked only after the full text was opened; the form cannot be sent without it.',
  'optional-prechecked': 'The box is already ticked; the person may untick it.',
  'optional-unchecked': 'The box is empty; the person ticks it if they wish. An unticked box is recorded as a refusal.',
};

interface Props extends TabProps {
  catalogue: AgreementCatalogue;
  /** Warnings of the last load or save, used when the agreements' templates cannot be read here. */
  serverWarnings: FormWarning[];
  onEdit: (agreementId: number) => void;
}

/** The «Соглашения» tab: which agreements the form asks for, in which order, and how each box behaves. */
export const AgreementsTab = ({ form, update, errors, disabled, catalogue, serverWarnings, onEdit }: Props) => {
  const t = useT();
  const rows = form.agreements;
  const setRows = (next: FormAgreement[]) => update('agreements', next);
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());

  const nameOf = (id: number) => catalogue.byId.get(id)?.name ?? t('forms.agreement.numbered', 'Agreement #{id}', { id });
  const { register, moveBy } = useReorder(
    rows,
    (a) => String(a.agreementId),
    setRows,
    (a, position, total) => t('forms.moved', '{name}: position {position} of {total}', { name: nameOf(a.agreementId), position, total })
  );

  const attached = new Set(rows.map((a) => a.agreementId));
  const available = catalogue.active.filter((a) => !attached.has(a.id));
  const attach = (value: string | number) => {
    const agreement = catalogue.byId.get(Number(value));
    if (!agreement) return;
    setRows([...rows, { agreementId: agreement.id, behaviour: defaultBehaviour(agreement.template) }]);
  };

  /** The GDPR warning of a row: computed from the template when it is known, else the server's. */
  const warningOf = (a: FormAgreement) => {
    const info = catalogue.byId.get(a.agreementId);
    const warned = info
      ? gdprPrechecked(info.template, a.behaviour)
      : behaviourFlags(a.behaviour).prechecked &&
        serverWarnings.some((w) => w.agreementId === a.agreementId && w.code === 'gdpr-prechecked');
    return warned && !dismissed.has(`${a.agreementId}:${a.behaviour}`);
  };

  return (
    <Section
      title={t('forms.section.agreements', 'Agreements')}
      hint={t(
        'forms.agreements.hint',
        'The checkboxes shown under the form, in this order. Each agreement gets one behaviour; a required box blocks sending until it is ticked.'
      )}
    >
      {!catalogue.canRead && (
        <Alert variant="default" closeLabel={t('actions.close', 'Close')} title={t('forms.agreements.noRead.title', 'Agreements are hidden')}>
          {t(
            'forms.agreements.noRead',
            'Your role may not read agreements, so they are shown by number and none can be attached. You can still reorder them and change their behaviour.'
          )}
        </Alert>
      )}
      {errors.agreements && (
        <Field.Root name="agreements" error={errors.agreements}>
          <Field.Error />
        </Field.Root>
      )}
      {rows.length === 0 && (
        <EmptyStateLayout content={t('forms.agreements.empty', 'No agreements attached: the form asks for no consent')} />
      )}
      <Flex direction="column" alignItems="stretch" gap={3} tag="ol" aria-label={t('forms.section.agreements', 'Agreements')}>
        {rows.map((row, i) => {
          const info = catalogue.byId.get(row.agreementId);
          const name = nameOf(row.agreementId);
          const err = (key: string) => errors[`agreements.${i}.${key}`];
          return (
            <Box
              key={row.agreementId}
              tag="li"
              padding={4}
              borderColor={err('agreementId') ? 'danger600' : 'neutral200'}
              hasRadius
              background="neutral100"
              data-testid="form-agreement"
              data-agreement-id={row.agreementId}
            >
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Flex gap={3} alignItems="flex-start">
                  <Typography variant="sigma" textColor="neutral600" style={{ minWidth: '2.4rem', paddingTop: '0.4rem' }}>
                    {i + 1}
                  </Typography>
                  <Flex direction="column" alignItems="stretch" gap={1} flex="1">
                    <Flex gap={2} wrap="wrap">
                      <Typography fontWeight="semiBold" textColor="neutral800" data-testid="form-agreement-name">
                        {name}
                      </Typography>
                      {!info && catalogue.complete && (
                      <Typography variant="pi" textColor="warning700">
                        {t('forms.agreement.missing', 'This agreement no longer exists. Remove it from the form, or saving the list is refused.')}
                      </Typography>
                    )}
                    {info && !info.active && (
                        <Status variant="neutral" size="S">
                          <Typography>{t('agreements.active.no', 'Inactive')}</Typography>
                        </Status>
                      )}
                    </Flex>
                    {info && (
                      <Typography variant="pi" textColor="neutral600">
                        {info.type === 'standard' && info.template
                          ? t(`templates.${info.template}`, info.template)
                          : t('agreements.type.custom', 'Custom')}
                        {info.currentVersionNumber
                          ? ` · ${t('agreements.versionNumber', 'v{number}', { number: info.currentVersionNumber })}`
                          : ''}
                      </Typography>
                    )}
                    {info && !info.active && (
                      <Typography variant="pi" textColor="warning700">
                        {t(
                          'forms.agreement.inactive',
                          'Sites do not show an inactive agreement. Remove it here or activate the agreement, or saving the list is refused.'
                        )}
                      </Typography>
                    )}
                  </Flex>
                  <Flex gap={1}>
                    {!disabled && (
                      <>
                        <IconButton
                          ref={register(String(row.agreementId), 'up')}
                          label={t('forms.agreement.up', 'Move {name} up', { name })}
                          variant="ghost"
                          disabled={i === 0}
                          onClick={() => moveBy(i, -1)}
                        >
                          <ArrowUp />
                        </IconButton>
                        <IconButton
                          ref={register(String(row.agreementId), 'down')}
                          label={t('forms.agreement.down', 'Move {name} down', { name })}
                          variant="ghost"
                          disabled={i === rows.length - 1}
                          onClick={() => moveBy(i, 1)}
                        >
                          <ArrowDown />
                        </IconButton>
                      </>
                    )}
                    {info && (
                      <IconButton label={t('forms.agreement.edit', 'Edit agreement')} variant="ghost" onClick={() => onEdit(row.agreementId)}>
                        <Pencil />
                      </IconButton>
                    )}
                    {!disabled && (
                      <IconButton
                        label={t('forms.agreement.remove', 'Remove {name} from the form', { name })}
                        variant="ghost"
                        onClick={() => setRows(rows.filter((_, j) => j !== i))}
                      >
                        <Trash />
                      </IconButton>
                    )}
                  </Flex>
                </Flex>
                <Box paddingLeft={9}>
                  <Field.Root
                    name={`agreements.${i}.behaviour`}
                    error={err('behaviour')}
                    hint={t(`forms.behaviour.${row.behaviour}.hint`, BEHAVIOUR_HINTS[row.behaviour])}
                    width="100%"
                  >
                    <Field.Label>{t('forms.agreement.behaviour', 'Checkbox behaviour')}</Field.Label>
                    <SingleSelect
                      aria-label={t('forms.agreement.behaviourOf', 'Checkbox behaviour of {name}', { name })}
                      value={row.behaviour}
                      onChange={(v) => setRows(rows.map((r, j) => (j === i ? { ...r, behaviour: v as Behaviour } : r)))}
                      disabled={disabled}
                    >
                      {BEHAVIOURS.map((b) => (
                        <SingleSelectOption key={b} value={b}>
                          {t(BEHAVIOUR_LABELS[b][0], BEHAVIOUR_LABELS[b][1])}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                  {err('agreementId') && (
                    <Typography variant="pi" textColor="danger600" tag="p" role="alert">
                      {err('agreementId')}
                    </Typography>
                  )}
                </Box>
                {warningOf(row) && (
                  <Alert
                    variant="warning"
                    title={t('forms.warning.gdpr.title', 'Not valid consent under GDPR')}
                    closeLabel={t('forms.warning.dismiss', 'Hide this warning')}
                    onClose={() => setDismissed((d) => new Set(d).add(`${row.agreementId}:${row.behaviour}`))}
                    data-testid="gdpr-warning"
                  >
                    {t(
                      'forms.warning.gdpr',
                      'A pre-ticked box is not consent under GDPR (recital 32). Use "Required, the full text must be read" or "Optional, not accepted automatically" for this agreement.'
                    )}
                  </Alert>
                )}
              </Flex>
            </Box>
          );
        })}
      </Flex>
      {!disabled && catalogue.canRead && (
        <Field.Root
          name="attach"
          hint={
            rows.length >= MAX_AGREEMENTS
              ? t('forms.agreements.max', 'A form can ask for at most {max} agreements', { max: MAX_AGREEMENTS })
              : available.length === 0
                ? t('forms.agreements.noneLeft', 'Every active agreement is attached. Inactive agreements cannot be attached.')
                : t('forms.agreements.attach.hint', 'Only active agreements can be attached')
          }
        >
          <Field.Label>{t('forms.agreements.attach', 'Attach an agreement')}</Field.Label>
          <SingleSelect
            value={null}
            placeholder={t('forms.agreements.attach.placeholder', 'Choose an agreement')}
            onChange={attach}
            disabled={available.length === 0 || rows.length >= MAX_AGREEMENTS}
          >
            {available.map((a) => (
              <SingleSelectOption key={a.id} value={a.id}>
                {a.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
        </Field.Root>
      )}
    </Section>
  );
};
