import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, EmptyStateLayout, Flex } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { BackButton, Layouts, Page, SearchInput } from '@strapi/strapi/admin';
import type { List } from '../../api/types';
import { useT } from '../../hooks/useT';
import { DataTable, type DataTableProps } from './DataTable';
import { ListPagination } from './ListPagination';

export interface ListViewProps<T> extends Omit<DataTableProps<T>, 'rows' | 'busy'> {
  /** The list's query: `data` is the last answer (kept while the next one loads). */
  result: { data?: List<T>; error?: unknown; isFetching?: boolean };
  /** What the page says when there is nothing at all. */
  empty: string;
  /** A search or filter is set: an empty answer means nothing matches it. */
  filtered?: boolean;
  pageSize: number;
  sizes?: number[];
  /** An error the page explains itself (a refused filter); null for the error page. */
  problem?: (error: unknown) => ReactNode | null;
  /** Above the table (a count of the rows). */
  summary?: (list: List<T>) => ReactNode;
}

/** A server-paged table with its loading, error and empty states and its pagination. */
export const ListView = <T,>({ result, empty, filtered, pageSize, sizes, problem, summary, ...table }: ListViewProps<T>) => {
  const t = useT();
  if (result.error) return <>{problem?.(result.error) ?? <Page.Error />}</>;
  const list = result.data;
  if (!list) return <Page.Loading />;
  if (list.data.length === 0) return <EmptyStateLayout content={filtered ? t('list.noMatch', 'Nothing matches these filters') : empty} />;
  return (
    <Box>
      {summary?.(list)}
      <DataTable rows={list.data} busy={result.isFetching} {...table} />
      <ListPagination pagination={list.meta.pagination} pageSize={pageSize} sizes={sizes} />
    </Box>
  );
};

interface ListPageProps<T> extends ListViewProps<T> {
  title: string;
  subtitle?: ReactNode;
  /** A page under another: the back button goes there. */
  back?: string;
  /** Rows open `${editPath}/:id`; with `create`, the create button opens `${editPath}/new`. */
  editPath?: string;
  create?: { label: string; allowed: boolean };
  /** The search box's label; without it the list has no search. */
  search?: string;
  /** Beside the search box: filters, links to related pages. */
  toolbar?: ReactNode;
  /** Between the toolbar and the table (a filter panel, a notice). */
  above?: ReactNode;
  primaryAction?: ReactNode;
}

/**
 * A list page of the plugin: title, create button, search and filters kept in the URL, and the
 * server-paged table. Agreements, companies, forms, exports and acts of destruction are all one.
 */
export const ListPage = <T extends { id: number | string }>(props: ListPageProps<T>) => {
  const { title, subtitle, back, editPath, create, search, toolbar, above, primaryAction, ...view } = props;
  const navigate = useNavigate();
  const open = (id: number | string) => navigate(`${editPath}/${id}`);
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={back ? <BackButton fallback={back} /> : undefined}
        title={title}
        subtitle={subtitle}
        primaryAction={
          primaryAction ??
          (editPath && create?.allowed ? (
            <Button startIcon={<Plus />} onClick={() => open('new')}>
              {create.label}
            </Button>
          ) : undefined)
        }
      />
      {(search || toolbar) && (
        <Layouts.Action
          startActions={
            <Flex gap={2} wrap="wrap">
              {search && <SearchInput label={search} placeholder={search} />}
              {toolbar}
            </Flex>
          }
        />
      )}
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {above}
          <ListView onRowClick={editPath ? (row: T) => open(row.id) : undefined} {...view} />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
