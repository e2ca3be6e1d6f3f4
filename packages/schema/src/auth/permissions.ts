/** What an API key may do (Resend's two permissions). A module of its own: no ORM to load. */
export const PERMISSIONS = ['full_access', 'sending_access'] as const;
export type Permission = (typeof PERMISSIONS)[number];
