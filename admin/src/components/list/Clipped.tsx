import { Typography, type TypographyProps } from '@strapi/design-system';

interface Props extends Omit<TypographyProps, 'children' | 'title'> {
  text: string;
  /** The widest the text may be (a CSS length); longer text is cut with an ellipsis. */
  width: string;
}

/**
 * A table cell's text on one line, cut to a fixed width with the whole value on hover (and always
 * whole on the record's own page): a long Russian name never wraps a row into four lines or pushes
 * the last columns out of the screen.
 */
export const Clipped = ({ text, width, ...rest }: Props) => (
  <Typography ellipsis tag="div" title={text} style={{ maxWidth: width }} {...rest}>
    {text}
  </Typography>
);
