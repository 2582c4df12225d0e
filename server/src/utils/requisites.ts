/** The registration-number checks live with the contracts (the company schema runs them). */
export * from '../../../shared/contracts/requisites';
