import { Th, TextButton, Typography } from '@strapi/design-system';
import { CaretDown, CaretUp } from '@strapi/icons';
import type { SortField } from '../../../api/types';

interface Props {
  field: SortField;
  label: string;
  sort: SortField;
  order: 'asc' | 'desc';
  onSort: (field: SortField) => void;
}

/** A column header that sorts the log on the server; aria-sort tells assistive technology how. */
export const SortHeader = ({ field, label, sort, order, onSort }: Props) => {
  const active = sort === field;
  return (
    <Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <TextButton
        onClick={() => onSort(field)}
        endIcon={active ? order === 'asc' ? <CaretUp aria-hidden /> : <CaretDown aria-hidden /> : undefined}
        data-testid={`sort-${field}`}
      >
        <Typography variant="sigma" textColor={active ? 'primary600' : 'neutral600'}>
          {label}
        </Typography>
      </TextButton>
    </Th>
  );
};
