import { Pagination } from '@strapi/strapi/admin';

interface Props {
  pagination?: { pageCount: number; total: number } | null;
  pageSize: number;
}

/** Page size and page links under a server-paged list (they keep `page` and `pageSize` in the URL). */
export const ListPagination = ({ pagination, pageSize }: Props) =>
  pagination ? (
    <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={pageSize}>
      <Pagination.PageSize />
      <Pagination.Links />
    </Pagination.Root>
  ) : null;
