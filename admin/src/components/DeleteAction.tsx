import { useState } from 'react';
import { Button, Dialog } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { useT } from '../hooks/useT';

interface Props {
  /** Resolves when deleted; throws to keep the dialog's caller informed (it shows the reason). */
  onConfirm: () => Promise<void>;
  message: string;
  disabled?: boolean;
}

/** A "Delete" button asking for confirmation first. */
export const DeleteAction = ({ onConfirm, message, disabled }: Props) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger>
        <Button variant="danger-light" startIcon={<Trash />} disabled={disabled}>
          {t('actions.delete', 'Delete')}
        </Button>
      </Dialog.Trigger>
      <ConfirmDialog
        onConfirm={async () => {
          setOpen(false);
          await onConfirm();
        }}
      >
        {message}
      </ConfirmDialog>
    </Dialog.Root>
  );
};
