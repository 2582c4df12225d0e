import { useIntl } from 'react-intl';
import { Box, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Pagination } from '@strapi/strapi/admin';
import type { ListMeta } from '../../../../shared/contracts/agreements';
import { useListParams } from '../../hooks/useListParams';

interface Props {
  pagination?: ListMeta['pagination'] | null;
  pageSize: number;
  sizes?: number[];
}

/**
 * Page size and page links under a server-paged list. Strapi's Pagination.Links keep `page` in the
 * URL with every other value encoded; the page size is written here for the same reason (Strapi's
 * own select writes the other filters of the URL back unencoded).
 */
export const ListPagination = ({ pagination, pageSize, sizes = [10, 20, 50, 100] }: Props) => {
  const { formatMessage } = useIntl();
  const { update } = useListParams();
  if (!pagination) return null;
  const label = formatMessage({ id: 'components.PageFooter.select', defaultMessage: 'Entries per page' });
  return (
    <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={pageSize}>
      {pagination.total > sizes[0] ? (
        <Flex gap={2}>
          <SingleSelect size="S" aria-label={label} value={String(pageSize)} onChange={(v) => update({ pageSize: String(v) })}>
            {(sizes.includes(pageSize) ? sizes : [...sizes, pageSize].sort((a, b) => a - b)).map((n) => (
              <SingleSelectOption key={n} value={String(n)}>
                {n}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Typography textColor="neutral600" tag="span">
            {label}
          </Typography>
        </Flex>
      ) : (
        <Box />
      )}
      <Pagination.Links />
    </Pagination.Root>
  );
};
