import type { MouseEvent } from 'react';
import { Box } from '@strapi/design-system';
import { styled } from 'styled-components';

/**
 * Agreement HTML as the public sees it. The server has already sanitised it against its allowlist
 * (that is the point of the preview: no second, different sanitiser here), so it is set as is.
 */
const Content = styled(Box)`
  font-size: 1.4rem;
  line-height: 1.55;
  color: ${({ theme }) => theme.colors.neutral800};
  overflow-wrap: anywhere;

  & > :first-child { margin-top: 0; }

  h1, h2, h3, h4 { font-weight: 600; margin: 1.2rem 0 0.6rem; }
  h1 { font-size: 1.8rem; }
  h2 { font-size: 1.6rem; }
  h3, h4 { font-size: 1.4rem; }
  p { margin: 0 0 0.8rem; }
  ul, ol { margin: 0 0 0.8rem; padding-left: 2.4rem; }
  ul { list-style: disc; }
  ol { list-style: decimal; }
  li { margin-bottom: 0.2rem; }
  strong, b { font-weight: 600; }
  em, i { font-style: italic; }
  a { color: ${({ theme }) => theme.colors.primary600}; text-decoration: underline; }
  table { border-collapse: collapse; margin-bottom: 0.8rem; }
  td, th { border: 1px solid ${({ theme }) => theme.colors.neutral200}; padding: 0.4rem 0.8rem; }
`;

interface Props {
  html: string;
  /** Called instead of following a link (links inside the admin would leave the editor). */
  onLinkClick?: (href: string | null) => void;
  bordered?: boolean;
  maxHeight?: string;
  testId?: string;
}

export const RenderedHtml = ({ html, onLinkClick, bordered, maxHeight, testId }: Props) => {
  const intercept = (e: MouseEvent<HTMLDivElement>) => {
    const link = (e.target as HTMLElement).closest('a');
    if (!link) return;
    e.preventDefault();
    onLinkClick?.(link.getAttribute('href'));
  };
  return (
    <Content
      data-testid={testId}
      padding={bordered ? 4 : 0}
      borderColor={bordered ? 'neutral200' : undefined}
      hasRadius={bordered}
      background="neutral0"
      style={maxHeight ? { maxHeight, overflowY: 'auto' } : undefined}
      onClickCapture={intercept}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
};
