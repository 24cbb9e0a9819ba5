/**
 * A card as every channel sees it before rendering: a title, a few labelled fields, and
 * buttons or selects. Button keys are opaque (`<card ref>.<n>`); what a key means is kept
 * on the server with the card instance, so a card can never carry an operation itself.
 */
export interface CardField {
  label: string;
  value: string;
}

export interface CardButton {
  key: string;
  text: string;
  style: 'primary' | 'danger' | 'default';
}

export interface CardSelect {
  key: string;
  title: string;
  options: Array<{ id: string; text: string }>;
}

export interface CardView {
  ref: string;
  /**
   * The ref of the first card drawn in this place. A redrawn card keeps it, so a platform
   * can update the card people already have (WeCom task_id, DingTalk outTrackId derive from it).
   */
  original: string;
  title: string;
  subtitle?: string;
  fields: CardField[];
  buttons: CardButton[];
  selects: CardSelect[];
  /** Shown instead of buttons once the card no longer accepts actions. */
  closedNote?: string;
}
