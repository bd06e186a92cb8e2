/** Who holds a contact card (kept apart from card.ts so the command line's help needs no crypto module). */
export const EXCHANGE_ROLES = ['investigating officer', 'independent person', 'council', 'other'] as const;
export type ExchangeRole = (typeof EXCHANGE_ROLES)[number];
