import type { ReactNode } from 'react';
import { Flex, Grid, Typography } from '@strapi/design-system';

/** A labelled value: the small grey caption above, the value below. */
export const Term = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => (
  <Flex direction="column" alignItems="stretch" gap={1} data-testid={testId}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    {typeof children === 'string' || typeof children === 'number' ? <Typography>{children}</Typography> : children}
  </Flex>
);

/** Terms laid out in a grid, two per row on wide screens. */
export const Terms = ({ items }: { items: ({ key: string; label: string; value: ReactNode; wide?: boolean } | false | null | undefined)[] }) => (
  <Grid.Root gap={4}>
    {items.filter(Boolean).map((item) => {
      const i = item as { key: string; label: string; value: ReactNode; wide?: boolean };
      return (
        <Grid.Item key={i.key} col={i.wide ? 12 : 6} s={12} direction="column" alignItems="stretch">
          <Term label={i.label} testId={`term-${i.key}`}>
            {i.value}
          </Term>
        </Grid.Item>
      );
    })}
  </Grid.Root>
);

/** A hash or an id that must be read exactly. */
export const Mono = ({ children, title }: { children: ReactNode; title?: string }) => (
  <Typography style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }} title={title}>
    {children}
  </Typography>
);
