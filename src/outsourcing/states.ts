import type { OutsourcingConfig, OutsourcingStateConfig } from './config.js';

/** What a partner says when the batch goes back to the factory. */
const SENT_BACK = ['发回', '送回'];

/** The state machine `factory.yaml` declares, with the questions the services ask of it. */
export class OutsourcingStates {
  constructor(private readonly config: OutsourcingConfig) {}

  get all(): readonly OutsourcingStateConfig[] {
    return this.config.states;
  }

  get initial(): OutsourcingStateConfig {
    const first = this.config.states[0];
    if (!first) throw new Error('outsourcing.states is empty');
    return first;
  }

  /** The state a batch enters when the last of it comes back (回厂). */
  get returnedState(): OutsourcingStateConfig {
    const state = this.config.states.find((s) => s.returned);
    if (!state) throw new Error('outsourcing.states has no returned state');
    return state;
  }

  get finalState(): OutsourcingStateConfig {
    const state = this.config.states.find((s) => s.final);
    if (!state) throw new Error('outsourcing.states has no final state');
    return state;
  }

  /** States in which the batch is still at the partner: reminders apply. */
  get awaitingReturn(): string[] {
    return this.config.states.filter((s) => !this.isBack(s.id)).map((s) => s.id);
  }

  /** States shown on the board and in the lists. */
  get open(): string[] {
    return this.config.states.filter((s) => !s.final).map((s) => s.id);
  }

  /**
   * Back at the factory: a state marked `returned` or `final`, or any state declared after
   * the first returned one (a QC stage after 待质检 is still "back").
   */
  isBack(id: string): boolean {
    const states = this.config.states;
    const at = states.findIndex((s) => s.id === id);
    const firstBack = states.findIndex((s) => s.returned || s.final);
    return at !== -1 && firstBack !== -1 && at >= firstBack;
  }

  isFinal(id: string): boolean {
    return this.byId(id)?.final === true;
  }

  byId(id: string): OutsourcingStateConfig | undefined {
    return this.config.states.find((s) => s.id === id);
  }

  nameOf(id: string): string {
    return this.byId(id)?.name ?? id;
  }

  /**
   * `待质检` or the id `inspecting`: how people and the ERP name a state. 发回 / 送回, as a
   * partner says it (and as its page's button reads), is the returned state whatever the
   * factory calls it.
   */
  parse(text: string): OutsourcingStateConfig | undefined {
    const t = text.trim().toLowerCase();
    const named = this.config.states.find((s) => s.name === text.trim() || s.id.toLowerCase() === t);
    return named ?? (SENT_BACK.includes(t) ? this.returnedState : undefined);
  }

  allowedFrom(id: string): string[] {
    const declared = this.config.transitions;
    if (declared) return declared[id] ?? [];
    const states = this.config.states;
    const next = states[states.findIndex((s) => s.id === id) + 1];
    return next && !this.isFinal(id) ? [next.id] : [];
  }

  mayMove(from: string, to: string): boolean {
    return this.allowedFrom(from).includes(to);
  }
}

const cache = new WeakMap<OutsourcingConfig, OutsourcingStates>();

export function statesOf(config: OutsourcingConfig): OutsourcingStates {
  let states = cache.get(config);
  if (!states) {
    states = new OutsourcingStates(config);
    cache.set(config, states);
  }
  return states;
}
