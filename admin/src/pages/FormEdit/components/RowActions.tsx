import type { ReactNode } from 'react';
import { Flex, IconButton } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Trash } from '@strapi/icons';
import { useT } from '../../../hooks/useT';
import type { useReorder } from '../hooks/useReorder';

interface Props {
  /** The row's stable id: focus follows it through a move. */
  id: string;
  index: number;
  count: number;
  /** The row's name in the buttons' labels ("Move E-mail up"). */
  name: string;
  /** forms.field or forms.agreement: the labels' keys. */
  labels: 'forms.field' | 'forms.agreement';
  reorder: ReturnType<typeof useReorder>;
  onRemove: () => void;
  removeLabel: string;
  disabled: boolean;
  /** Buttons shown whatever the role (an agreement's pencil), before Remove. */
  children?: ReactNode;
}

/** Up, down and remove for a row of the form editor; the moved row keeps focus (see useReorder). */
export const RowActions = ({ id, index, count, name, labels, reorder, onRemove, removeLabel, disabled, children }: Props) => {
  const t = useT();
  return (
    <Flex gap={1}>
      {!disabled && (
        <>
          <IconButton
            ref={reorder.register(id, 'up')}
            label={t(`${labels}.up`, 'Move {name} up', { name })}
            variant="ghost"
            disabled={index === 0}
            onClick={() => reorder.moveBy(index, -1)}
          >
            <ArrowUp />
          </IconButton>
          <IconButton
            ref={reorder.register(id, 'down')}
            label={t(`${labels}.down`, 'Move {name} down', { name })}
            variant="ghost"
            disabled={index === count - 1}
            onClick={() => reorder.moveBy(index, 1)}
          >
            <ArrowDown />
          </IconButton>
        </>
      )}
      {children}
      {!disabled && (
        <IconButton label={removeLabel} variant="ghost" onClick={onRemove}>
          <Trash />
        </IconButton>
      )}
    </Flex>
  );
};
