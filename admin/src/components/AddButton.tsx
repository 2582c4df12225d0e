import type { ReactNode } from 'react';
import { Box, TextButton } from '@strapi/design-system';
import { Plus } from '@strapi/icons';

/** "Add a …" under a list of rows. */
export const AddButton = ({ onClick, children }: { onClick: () => void; children: ReactNode }) => (
  <Box>
    <TextButton startIcon={<Plus />} onClick={onClick}>
      {children}
    </TextButton>
  </Box>
);
