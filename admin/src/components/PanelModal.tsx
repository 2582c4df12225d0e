import type { ReactNode } from 'react';
import { Button, Modal } from '@strapi/design-system';
import { useT } from '../hooks/useT';

interface Props {
  title: ReactNode;
  onClose: () => void;
  /** The modal's own action (a danger button); without it the footer only closes. */
  action?: ReactNode;
  children: ReactNode;
}

/** A modal of the plugin: title, body, and Cancel (or Close) beside its action. */
export const PanelModal = ({ title, onClose, action, children }: Props) => {
  const t = useT();
  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header closeLabel={t('actions.close', 'Close')}>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{action ? t('actions.cancel', 'Cancel') : t('actions.close', 'Close')}</Button>
          </Modal.Close>
          {action}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
