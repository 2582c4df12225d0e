import { Typography, type TypographyProps } from '@strapi/design-system';

interface Props extends Omit<TypographyProps, 'children' | 'title'> {
  text: string;
  /** The widest the text may be (a CSS length; the admin's rem is 10 px); longer text is cut with an ellipsis. */
  width: string;
  /**
   * The column keeps this width even when the table is short of room (the table would otherwise
   * shrink a cut text to a few letters first); without it the text only never grows wider.
   */
  fixed?: boolean;
}

/**
 * A table cell's text on one line, cut to a fixed width with the whole value on hover (and always
 * whole on the record's own page): a long Russian name never wraps a row into four lines or pushes
 * the last columns out of the screen.
 */
export const Clipped = ({ text, width, fixed, style, ...rest }: Props) => (
  <Typography ellipsis tag="div" title={text} style={{ maxWidth: width, ...(fixed ? { width } : {}), ...style }} {...rest}>
    {text}
  </Typography>
);
