import { useRef, useState } from 'react';
import { Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { useT } from '../../../hooks/useT';

/**
 * "Does this change require renewed consent?", asked when an existing agreement is saved. The answer
 * is recorded on the version the save creates (the server ignores it when nothing shown changed):
 * yes makes every consent given on an earlier version `outdated`.
 */
export const useRenewalQuestion = () => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const answer = useRef<(value: boolean | null) => void>();
  const close = (value: boolean | null) => {
    setOpen(false);
    answer.current?.(value);
    answer.current = undefined;
  };
  /** Resolves with the editor's answer, or null when they closed the question without one. */
  const ask = () =>
    new Promise<boolean | null>((resolve) => {
      answer.current = resolve;
      setOpen(true);
    });
  const dialog = (
    <Dialog.Root open={open} onOpenChange={(o) => !o && close(null)}>
      <Dialog.Content>
        <Dialog.Header>{t('agreements.renewal.title', 'Does this change require renewed consent?')}</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" gap={2} alignItems="stretch">
            <Typography>
              {t(
                'agreements.renewal.question',
                'A correction (a typo, wording) does not. A new purpose, recipient, operator or category of data does: every consent given on an earlier version will be shown as outdated, and the person should be asked again.'
              )}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t('agreements.renewal.hint', 'The answer is kept with the new version; a save that changes nothing visible makes no version and keeps no answer.')}
            </Typography>
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Button variant="tertiary" onClick={() => close(false)} data-testid="renewal-no">
            {t('agreements.renewal.no', 'No, a correction')}
          </Button>
          <Button variant="danger-light" onClick={() => close(true)} data-testid="renewal-yes">
            {t('agreements.renewal.yes', 'Yes, ask for consent again')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
  return { ask, dialog };
};
