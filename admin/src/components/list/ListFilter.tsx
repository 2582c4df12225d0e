import type { ComponentProps } from 'react';
import { useListParams } from '../../hooks/useListParams';
import { FilterSelect } from './FilterSelect';

/** A filter of a list page kept in the URL under its name (`?type=standard`); choosing goes back to page 1. */
export const ListFilter = ({ name, ...rest }: { name: string } & Omit<ComponentProps<typeof FilterSelect>, 'value' | 'onChange'>) => {
  const { params, update } = useListParams();
  return <FilterSelect {...rest} value={params.get(name) || undefined} onChange={(v) => update({ [name]: v })} />;
};
