import { useState, type ReactNode } from 'react';
import { Alert, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { ERASURE_REASONS, type ErasureReason, type ErasureResult } from '../../../../../shared/contracts/personal';
import { useEraseMutation, useErasurePreviewQuery } from '../../../api';
import type { SubjectLookup } from '../../../api/types';
import { DateTime } from '../../../components/DateTime';
import { PanelModal } from '../../../components/PanelModal';
import { Terms } from '../../../components/Term';
import { useErasureLabels } from '../../../hooks/useErasureLabels';
import { useFieldErrors } from '../../../hooks/useErrorMessage';
import { useT } from '../../../hooks/useT';
import { apiErrorMessage } from '../../../utils/apiError';

interface Props {
  who: SubjectLookup;
  onClose: () => void;
  onDone: (result: ErasureResult) => void;
}

const List = ({ items, testId }: { items: string[]; testId?: string }) =>
  items.length ? (
    <Box tag="ul" paddingLeft={4} style={{ listStyle: 'disc' }} data-testid={testId}>
      {items.map((item) => (
        <li key={item}>
          <Typography>{item}</Typography>
        </li>
      ))}
    </Box>
  ) : (
    <Typography data-testid={testId}>—</Typography>
  );

/**
 * Destroys one person's personal data. First it shows what the server would destroy (the preview
 * changes nothing) and what stays, then asks why, and only then erases. The consent events stay in
 * the chain, without the person's identity; the server draws up an act of destruction.
 */
export const EraseModal = ({ who, onClose, onDone }: Props) => {
  const t = useT();
  const fieldErrors = useFieldErrors();
  const labels = useErasureLabels();
  const preview = useErasurePreviewQuery(who, { refetchOnMountOrArgChange: true });
  const [erase, { isLoading: saving }] = useEraseMutation();
  const [reason, setReason] = useState<ErasureReason | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; note?: string; form?: string }>({});

  const p = preview.data;
  const nothing = !!p && p.events === 0 && p.subjects === 0;

  const submit = async () => {
    const found: typeof errors = {};
    if (!reason) found.reason = t('erasure.reason.required', 'Choose why the data is destroyed');
    if (reason === 'other' && !note.trim()) found.note = t('erasure.note.required', 'Describe the reason');
    setErrors(found);
    if (found.reason || found.note) return;
    try {
      onDone(await erase({ ...who, reason: reason as ErasureReason, note: note.trim() || null }).unwrap());
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors({
        reason: fields.reason,
        note: fields.note,
        form: fields.reason || fields.note ? undefined : (apiErrorMessage(e) ?? t('notification.error', 'Something went wrong')),
      });
    }
  };

  let body: ReactNode;
  if (preview.error) {
    body = (
      <Alert variant="danger" closeLabel={t('actions.close', 'Close')} title={t('erasure.preview.failed', 'Could not work out what would be destroyed')}>
        {apiErrorMessage(preview.error) ?? t('notification.error', 'Something went wrong')}
      </Alert>
    );
  } else if (!p) {
    body = (
      <Flex justifyContent="center" padding={6}>
        <Loader small>{t('erasure.preview.loading', 'Working out what would be destroyed…')}</Loader>
      </Flex>
    );
  } else {
    const kept = [
      t(
        'erasure.kept.events',
        'Every consent event stays in the log and stays provable: which agreement and version, when, through which form and page, how the consent was expressed.'
      ),
      t('erasure.kept.chain', 'The hash chain still verifies: the proof is hashed without the personal data.'),
      t('erasure.kept.act', 'An act of destruction is drawn up: who destroyed what, when and why, without the destroyed data itself.'),
    ];
    body = (
      <Flex direction="column" alignItems="stretch" gap={5}>
        <Typography tag="p" textColor="danger600" fontWeight="semiBold">
          {t('erasure.warning', 'The personal data listed below is destroyed for good. This cannot be undone.')}
        </Typography>
        <Flex direction="column" alignItems="stretch" gap={3} data-testid="erasure-preview">
          <Typography variant="delta" tag="h3">
            {t('erasure.destroyed', 'Will be destroyed')}
          </Typography>
          {nothing ? (
            <Typography data-testid="erasure-nothing">
              {t('erasure.nothing', 'Nothing: this person’s personal data has already been destroyed, or there is none.')}
            </Typography>
          ) : (
            <Terms
              items={[
                {
                  key: 'erasure-events',
                  label: t('erasure.events', 'Consent events'),
                  value: <Typography data-testid="erasure-preview-events">{p.events}</Typography>,
                },
                {
                  key: 'erasure-subjects',
                  label: t('erasure.subjects', 'Persons'),
                  value: <Typography data-testid="erasure-preview-subjects">{p.subjects}</Typography>,
                },
                {
                  key: 'erasure-categories',
                  label: t('erasure.categories', 'Categories of personal data'),
                  value: <List items={p.categories.map(labels.category)} testId="erasure-preview-categories" />,
                  wide: true,
                },
                {
                  key: 'erasure-forms',
                  label: t('erasure.forms', 'Forms'),
                  value: <List items={p.forms} testId="erasure-preview-forms" />,
                },
                {
                  key: 'erasure-agreements',
                  label: t('erasure.agreements', 'Agreements'),
                  value: (
                    <List
                      items={p.agreements.map((a) => a.name ?? t('forms.agreement.numbered', 'Agreement #{id}', { id: a.id }))}
                      testId="erasure-preview-agreements"
                    />
                  ),
                },
                { key: 'erasure-first', label: t('erasure.first', 'First event'), value: <DateTime value={p.first} /> },
                { key: 'erasure-last', label: t('erasure.last', 'Last event'), value: <DateTime value={p.last} /> },
              ]}
            />
          )}
        </Flex>
        <Flex direction="column" alignItems="stretch" gap={3} data-testid="erasure-kept">
          <Typography variant="delta" tag="h3">
            {t('erasure.kept', 'Stays')}
          </Typography>
          <List items={kept} />
        </Flex>
        <Field.Root name="reason" error={errors.reason} required>
          <Field.Label>{t('erasure.reason', 'Reason')}</Field.Label>
          <SingleSelect
            value={reason}
            onChange={(v) => setReason(v as ErasureReason)}
            placeholder={t('erasure.reason.placeholder', 'Choose a reason')}
            disabled={nothing}
          >
            {ERASURE_REASONS.map((r) => (
              <SingleSelectOption key={r} value={r}>
                {labels.reason(r)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
        <Field.Root
          name="note"
          error={errors.note}
          required={reason === 'other'}
          hint={t('erasure.note.hint', 'e.g. “Request of 3 March, incoming no. 15”. Goes into the act; do not repeat the personal data here.')}
        >
          <Field.Label>{t('erasure.note', 'Note')}</Field.Label>
          <Textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} disabled={nothing} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
        {errors.form && (
          <Alert variant="danger" closeLabel={t('actions.close', 'Close')} title={t('erasure.failed', 'The data was not destroyed')}>
            {errors.form}
          </Alert>
        )}
      </Flex>
    );
  }

  return (
    <PanelModal
      title={t('erasure.title', 'Erase personal data')}
      onClose={onClose}
      action={
        <Button variant="danger" startIcon={<Trash />} onClick={submit} loading={saving} disabled={!p || nothing}>
          {t('erasure.confirm', 'Destroy the personal data')}
        </Button>
      }
    >
      {body}
    </PanelModal>
  );
};
