import { useState } from 'react';
import { Button, Field, Textarea, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useWithdrawConsentMutation } from '../../../api';
import { PanelModal } from '../../../components/PanelModal';
import { useFieldErrors } from '../../../hooks/useErrorMessage';
import { useT } from '../../../hooks/useT';
import { apiErrorMessage } from '../../../utils/apiError';

interface Props {
  consentId: number;
  onClose: () => void;
  onDone: () => void;
}

/**
 * Records a withdrawal received by letter or e-mail: a new "withdrawn" event that refers to this
 * consent (never an edit of it); the server keeps the admin who recorded it and the note.
 */
export const WithdrawModal = ({ consentId, onClose, onDone }: Props) => {
  const t = useT();
  const fieldErrors = useFieldErrors();
  const { toggleNotification } = useNotification();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  // The record, the log and the person's events are read again once the withdrawal is recorded.
  const [withdraw, { isLoading: saving }] = useWithdrawConsentMutation();

  const submit = async () => {
    if (!note.trim()) {
      setError(t('consent.withdraw.note.required', 'Say how the withdrawal was received'));
      return;
    }
    setError(undefined);
    try {
      const res = await withdraw({ id: consentId, note: note.trim() }).unwrap();
      toggleNotification({
        type: res.alreadyWithdrawn ? 'info' : 'success',
        message: res.alreadyWithdrawn ? t('consent.withdraw.already', 'This consent was already withdrawn') : t('consent.withdraw.done', 'Withdrawal recorded'),
      });
      onDone();
    } catch (e) {
      const message = fieldErrors(e).note ?? apiErrorMessage(e) ?? t('notification.error', 'Something went wrong');
      setError(message);
    }
  };

  return (
    <PanelModal
      title={t('consent.withdraw.title', 'Record a withdrawal')}
      onClose={onClose}
      action={
        <Button variant="danger" onClick={submit} loading={saving}>
          {t('consent.withdraw.submit', 'Record withdrawal')}
        </Button>
      }
    >
      <Typography tag="p" textColor="neutral600">
        {t(
          'consent.withdraw.hint',
          'Use this when the person withdrew their consent by letter, e-mail or in person. The consent stays in the log; a withdrawal event is added after it.'
        )}
      </Typography>
      <Field.Root name="note" error={error} required hint={t('consent.withdraw.note.hint', 'e.g. “Letter of 3 March, incoming no. 15”')}>
        <Field.Label>{t('consent.withdraw.note', 'How the withdrawal was received')}</Field.Label>
        <Textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    </PanelModal>
  );
};
