import { useTheme } from 'styled-components';
import { CONSENT_ACTIONS, type ConsentAction } from '../../../../../shared/contracts/constants';

/** The order the bars are stacked in (bottom up) and the legend reads: double opt-in's requests and confirmations, decisions, then what ended them. */
export const CHART_ACTIONS: readonly ConsentAction[] = ['requested', 'confirmed', 'given', 'refused', 'withdrawn', 'expired', 'erased'];
// Every action is charted: a new one in the contract must be given a place here.
if (CHART_ACTIONS.length !== CONSENT_ACTIONS.length) throw new Error('CHART_ACTIONS must list every consent action');

/** The design system's colours of the action badges (ActionBadge), from the admin's theme (light or dark). */
export const useActionColors = (): Record<ConsentAction, string> => {
  const { colors } = useTheme() as unknown as { colors: Record<string, string> };
  return {
    requested: colors.warning200,
    confirmed: colors.success200,
    given: colors.success500,
    refused: colors.neutral400,
    withdrawn: colors.danger500,
    expired: colors.warning500,
    erased: colors.secondary500,
  };
};
