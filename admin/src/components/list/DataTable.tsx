import { Fragment, type ReactNode } from 'react';
import { Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';

export interface Column<T> {
  key: string;
  label: string;
  /** A whole header cell of its own (a sortable <Th>); a plain heading with the label otherwise. */
  header?: ReactNode;
  /** The cell's content; a string or number is set as text. */
  cell: (row: T) => ReactNode;
  /** The row's name: set in bold. */
  strong?: boolean;
}

export interface DataTableProps<T> {
  rows: T[];
  /** Columns; a false entry is a column the user may not see (personal data). */
  columns: (Column<T> | false | null | undefined)[];
  rowKey?: (row: T) => string | number;
  onRowClick?: (row: T) => void;
  /** Attributes of each row (data-testid and the like). */
  rowProps?: (row: T) => Record<string, string | undefined>;
  /** Inside a card already: no frame of its own. */
  bare?: boolean;
  busy?: boolean;
}

const idOf = (row: unknown) => (row as { id: number | string }).id;

/** A table of rows described by columns: the one table of every list and panel of the plugin. */
export const DataTable = <T,>({ rows, columns, rowKey = idOf, onRowClick, rowProps, bare, busy }: DataTableProps<T>) => {
  const cols = columns.filter(Boolean) as Column<T>[];
  const table = (
    <Table colCount={cols.length} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          {cols.map((c) =>
            c.header ? (
              <Fragment key={c.key}>{c.header}</Fragment>
            ) : (
              <Th key={c.key}>
                <Typography variant="sigma">{c.label}</Typography>
              </Th>
            )
          )}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr
            key={rowKey(row)}
            onClick={onRowClick ? () => onRowClick(row) : undefined}
            style={onRowClick ? { cursor: 'pointer' } : undefined}
            {...rowProps?.(row)}
          >
            {cols.map((c) => {
              const content = c.cell(row);
              return (
                <Td key={c.key}>
                  {typeof content === 'string' || typeof content === 'number' ? (
                    <Typography {...(c.strong ? { textColor: 'neutral800', fontWeight: 'semiBold' } : {})}>{content}</Typography>
                  ) : (
                    content
                  )}
                </Td>
              );
            })}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
  if (bare) return table;
  return (
    <Box background="neutral0" shadow="tableShadow" hasRadius aria-busy={busy}>
      {table}
    </Box>
  );
};
