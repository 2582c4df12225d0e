import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotifyAT } from '@strapi/design-system';
import { move } from './useFormEditor';

/**
 * Up/down reordering that keyboard and screen-reader users can follow. React moves DOM nodes when
 * rows change places, and a moved node loses focus; so after a move the same button of the moved
 * row gets focus back (or its other button when it reached the top or bottom, where this one is
 * disabled), and the new position is announced.
 */
export const useReorder = <T>(
  items: T[],
  idOf: (item: T) => string,
  onChange: (next: T[]) => void,
  announce: (item: T, position: number, total: number) => string
) => {
  const buttons = useRef(new Map<string, HTMLElement | null>());
  const [focusId, setFocusId] = useState<string | null>(null);
  const { notifyStatus } = useNotifyAT();

  useEffect(() => {
    if (!focusId) return;
    buttons.current.get(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const register = useCallback(
    (id: string, dir: 'up' | 'down') => (el: unknown) => {
      buttons.current.set(`${id}:${dir}`, (el as HTMLElement | null) ?? null);
    },
    []
  );

  const moveBy = (index: number, delta: -1 | 1) => {
    const to = index + delta;
    if (to < 0 || to >= items.length) return;
    const item = items[index];
    onChange(move(items, index, to));
    const atEdge = delta < 0 ? to === 0 : to === items.length - 1;
    const dir = (delta < 0) !== atEdge ? 'up' : 'down';
    setFocusId(`${idOf(item)}:${dir}`);
    notifyStatus(announce(item, to + 1, items.length));
  };

  return { register, moveBy };
};
