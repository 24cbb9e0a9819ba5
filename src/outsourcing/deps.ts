/**
 * Who changes an order: a person in chat, a partner through their link (the contact the link
 * was made for, if any), or the ERP (no person). Recorded in the state history.
 */
export interface Changer {
  personId: string | null;
  /** For pushes: `陈师傅（华美电镀）`, `ERP`. */
  name: string;
  channel: string;
  at: Date;
  /** Set when the change comes from the partner side: the coordinator is told. */
  partnerSide: boolean;
}
