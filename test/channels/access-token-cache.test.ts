import { describe, expect, it } from 'vitest';
import { AccessTokenCache, type GrantedToken } from '../../src/channels/shared/access-token-cache.js';
import { ManualClock } from '../../src/shared/clock.js';

/** A token endpoint that grants `tok-1`, `tok-2`, … for two hours, answering when told to. */
function tokenEndpoint() {
  const pending: Array<() => void> = [];
  let granted = 0;
  let holding = false;
  const grant = (): Promise<GrantedToken> => {
    granted += 1;
    const answer = { token: `tok-${granted}`, expiresInSeconds: 7200 };
    if (!holding) return Promise.resolve(answer);
    return new Promise((resolve) => pending.push(() => resolve(answer)));
  };
  return {
    grant,
    calls: () => granted,
    hold: () => (holding = true),
    release: () => {
      holding = false;
      for (const answer of pending.splice(0)) answer();
    },
  };
}

/** A platform answer: refused for its token, or done. */
type Answer = { refused: boolean; token: string };
const refusesToken = (answer: Answer) => answer.refused;

describe('the access-token cache shared by DingTalk and the WeCom app', () => {
  it('keeps one token until five minutes before it expires, then renews it', async () => {
    const clock = new ManualClock();
    const endpoint = tokenEndpoint();
    const tokens = new AccessTokenCache(endpoint.grant, clock);
    expect(await tokens.get()).toBe('tok-1');
    clock.advance((7200 - 5 * 60) * 1000 - 1);
    expect(await tokens.get()).toBe('tok-1');
    clock.advance(1);
    expect(await tokens.get()).toBe('tok-2');
    expect(endpoint.calls()).toBe(2);
  });

  it('callers arriving while a renewal is in flight share that one request', async () => {
    const endpoint = tokenEndpoint();
    const tokens = new AccessTokenCache(endpoint.grant, new ManualClock());
    endpoint.hold();
    const waiting = [tokens.get(), tokens.get(), tokens.get()];
    endpoint.release();
    expect(await Promise.all(waiting)).toEqual(['tok-1', 'tok-1', 'tok-1']);
    expect(endpoint.calls()).toBe(1);
  });

  it('a call the platform refuses for its token is made once more with a fresh token, never twice more', async () => {
    const endpoint = tokenEndpoint();
    const tokens = new AccessTokenCache(endpoint.grant, new ManualClock());
    const used: string[] = [];
    const alwaysRefused = (token: string) => {
      used.push(token);
      return Promise.resolve({ refused: true, token });
    };
    expect(await tokens.withToken(alwaysRefused, { refusesToken })).toEqual({
      refused: true,
      token: 'tok-2',
    });
    expect(used).toEqual(['tok-1', 'tok-2']);
    const accepted = (token: string) => Promise.resolve({ refused: false, token });
    expect(await tokens.withToken(accepted, { refusesToken })).toEqual({ refused: false, token: 'tok-2' });
    expect(endpoint.calls()).toBe(2);
  });

  it('a refusal of an older token does not drop the one another caller renewed meanwhile', async () => {
    const endpoint = tokenEndpoint();
    const tokens = new AccessTokenCache(endpoint.grant, new ManualClock());
    const old = await tokens.get();
    tokens.invalidate(old);
    expect(await tokens.get()).toBe('tok-2');
    tokens.invalidate(old);
    expect(await tokens.get()).toBe('tok-2');
    expect(endpoint.calls()).toBe(2);
  });

  it('without a token the call is not made: noToken answers, or the grant error is thrown', async () => {
    const failing = () => Promise.reject(new Error('secret invalid'));
    const tokens = new AccessTokenCache(failing, new ManualClock());
    let called = false;
    const call = (token: string) => {
      called = true;
      return Promise.resolve({ refused: false, token });
    };
    const noToken = (error: unknown) => ({ refused: false, token: `none: ${(error as Error).message}` });
    expect(await tokens.withToken(call, { refusesToken, noToken })).toEqual({
      refused: false,
      token: 'none: secret invalid',
    });
    await expect(tokens.withToken(call, { refusesToken })).rejects.toThrow('secret invalid');
    expect(called).toBe(false);
  });
});
