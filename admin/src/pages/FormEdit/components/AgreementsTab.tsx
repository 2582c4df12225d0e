import { useState } from 'react';
import { Alert, Box, EmptyStateLayout, Field, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Pencil } from '@strapi/icons';
import { BEHAVIOURS, behaviourFlags, isGdprPrechecked, LIMITS, type Behaviour } from '../../../../../shared/contracts/constants';
import type { FormAgreement, FormWarning } from '../../../../../shared/contracts/forms';
import { isAdvertising } from '../../../../../shared/contracts/choices';
import { ActiveStatus } from '../../../components/ActiveStatus';
import { FormSelect, ListError } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import type { AgreementDirectory } from '../../../hooks/useAgreementDirectory';
import { useT } from '../../../hooks/useT';
import { BEHAVIOUR_LABELS, defaultBehaviour, useFormEditor } from '../hooks/useFormEditor';
import { useReorder } from '../hooks/useReorder';
import { RowActions } from './RowActions';

/** The server refuses more. */
const MAX_AGREEMENTS = LIMITS.agreementsPerForm;

const BEHAVIOUR_HINTS: Record<Behaviour, string> = {
  'required-prechecked': 'The box is already ticked; the form cannot be sent without it.',
  'required-read': 'The box can be ticked only after the full text was opened; the form cannot be sent without it.',
  'optional-prechecked': 'The box is already ticked; the person may untick it.',
  'optional-unchecked': 'The box is empty; the person ticks it if they wish. An unticked box is recorded as a refusal.',
};

interface Props {
  directory: AgreementDirectory;
  /** Warnings of the last load or save, used when the agreements' templates cannot be read here. */
  serverWarnings: FormWarning[];
  onEdit: (agreementId: number) => void;
}

/** The «Соглашения» tab: which agreements the form asks for, in which order, and how each box behaves. */
export const AgreementsTab = ({ directory, serverWarnings, onEdit }: Props) => {
  const t = useT();
  const { form, update, errors, disabled } = useFormEditor();
  const rows = form.agreements;
  const setRows = (next: FormAgreement[]) => update('agreements', next);
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());

  const nameOf = directory.nameOf;
  const reorder = useReorder(
    rows,
    (a) => String(a.agreementId),
    setRows,
    (a, position, total) => t('forms.moved', '{name}: position {position} of {total}', { name: nameOf(a.agreementId), position, total })
  );

  const attached = new Set(rows.map((a) => a.agreementId));
  // Only active agreements can be attached.
  const available = directory.rows.filter((a) => a.active && !attached.has(a.id));
  const attach = (value: string | number) => {
    const agreement = directory.byId.get(Number(value));
    if (!agreement) return;
    setRows([...rows, { agreementId: agreement.id, behaviour: isAdvertising(agreement) ? 'optional-unchecked' : defaultBehaviour(agreement.template) }]);
  };

  /** The GDPR warning of a row: computed from the template when it is known, else the server's. */
  const warningOf = (a: FormAgreement) => {
    const info = directory.byId.get(a.agreementId);
    const warned = info
      ? isGdprPrechecked(info.template, a.behaviour)
      : behaviourFlags(a.behaviour).prechecked && serverWarnings.some((w) => w.agreementId === a.agreementId && w.code === 'gdpr-prechecked');
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
      {!directory.canRead && (
        <Alert variant="default" closeLabel={t('actions.close', 'Close')} title={t('forms.agreements.noRead.title', 'Agreements are hidden')}>
          {t(
            'forms.agreements.noRead',
            'Your role may not read agreements, so they are shown by number and none can be attached. You can still reorder them and change their behaviour.'
          )}
        </Alert>
      )}
      <ListError name="agreements" />
      {rows.length === 0 && <EmptyStateLayout content={t('forms.agreements.empty', 'No agreements attached: the form asks for no consent')} />}
      <Flex direction="column" alignItems="stretch" gap={3} tag="ol" aria-label={t('forms.section.agreements', 'Agreements')}>
        {rows.map((row, i) => {
          const info = directory.byId.get(row.agreementId);
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
                      {!info && directory.complete && (
                        <Typography variant="pi" textColor="warning700">
                          {t('forms.agreement.missing', 'This agreement no longer exists. Remove it from the form, or saving the list is refused.')}
                        </Typography>
                      )}
                      {info && !info.active && <ActiveStatus active={false} of="agreements" />}
                    </Flex>
                    {info && (
                      <Typography variant="pi" textColor="neutral600">
                        {info.type === 'standard' && info.template ? t(`templates.${info.template}`, info.template) : t('agreements.type.custom', 'Custom')}
                        {info.currentVersionNumber ? ` · ${t('agreements.versionNumber', 'v{number}', { number: info.currentVersionNumber })}` : ''}
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
                  <RowActions
                    id={String(row.agreementId)}
                    index={i}
                    count={rows.length}
                    name={name}
                    labels="forms.agreement"
                    reorder={reorder}
                    onRemove={() => setRows(rows.filter((_, j) => j !== i))}
                    removeLabel={t('forms.agreement.remove', 'Remove {name} from the form', { name })}
                    disabled={disabled}
                  >
                    {info && (
                      <IconButton label={t('forms.agreement.edit', 'Edit agreement')} variant="ghost" onClick={() => onEdit(row.agreementId)}>
                        <Pencil />
                      </IconButton>
                    )}
                  </RowActions>
                </Flex>
                <Box paddingLeft={9}>
                  <FormSelect
                    name={`agreements.${i}.behaviour`}
                    label={t('forms.agreement.behaviour', 'Checkbox behaviour')}
                    ariaLabel={t('forms.agreement.behaviourOf', 'Checkbox behaviour of {name}', { name })}
                    hint={t(`forms.behaviour.${row.behaviour}.hint`, BEHAVIOUR_HINTS[row.behaviour])}
                    options={BEHAVIOURS.map((b) => [b, t(BEHAVIOUR_LABELS[b][0], BEHAVIOUR_LABELS[b][1])] as const)}
                  />
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
      {!disabled && directory.canRead && (
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
