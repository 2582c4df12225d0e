import { Button, Dialog, Typography } from '@strapi/design-system';
import type { DuplicateRegistration } from '../../../../shared/contracts/companies';
import { useT } from '../../hooks/useT';
import { REQUISITE_LABELS } from '../../utils/requisites';

interface Props {
  /** The server's warning (details.params of duplicate-registration); null: closed. */
  duplicate: DuplicateRegistration | null;
  onAnswer: (confirmed: boolean) => void;
}

/**
 * The warning that another company has the same INN, OGRN, UNP or BIN: the editor saves anyway (a branch,
 * a second record on purpose) or goes back to the form.
 */
export const DuplicateDialog = ({ duplicate, onAnswer }: Props) => {
  const t = useT();
  const numbers = (duplicate?.fields ?? []).map((f) => t(`requisites.${f}`, REQUISITE_LABELS[f])).join(', ');
  const companies = (duplicate?.companies ?? []).map((c) => `«${c.name}»`).join(', ');
  return (
    <Dialog.Root open={Boolean(duplicate)} onOpenChange={(open) => !open && onAnswer(false)}>
      <Dialog.Content>
        <Dialog.Header>{t('companies.duplicate.title', 'This number is already in use')}</Dialog.Header>
        <Dialog.Body>
          <Typography data-testid="duplicate-message">
            {t(
              'companies.duplicate.message',
              '{numbers} of this company is already entered for: {companies}. Save anyway if this is a branch or a second record on purpose.',
              { numbers, companies }
            )}
          </Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <Button variant="tertiary" onClick={() => onAnswer(false)}>
            {t('companies.duplicate.cancel', 'Cancel')}
          </Button>
          <Button variant="secondary" onClick={() => onAnswer(true)}>
            {t('companies.duplicate.confirm', 'Save anyway')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
