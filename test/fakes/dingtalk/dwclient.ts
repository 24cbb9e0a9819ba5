import { DWClient } from 'dingtalk-stream';

/** Where a DWClient should go instead of the hard-coded DingTalk hosts. */
export interface StreamTarget {
  /** `<api base>/v1.0/gateway/connections/open` */
  gatewayUrl: string;
  /** Base of the old API host, for `/gettoken`. */
  baseUrl: string;
}

/** DWClient 2.1.5 declares `dw_url` private; at runtime it is a plain property (§3.3). */
interface DwClientInternals {
  dw_url?: string;
}

/**
 * §3.3 (1) and (3): dingtalk-stream 2.1.5 POSTs to a constant GATEWAY_URL and GETs a constant
 * GET_TOKEN_URL. Overriding `getEndpoint` and `getAccessToken` on the instance sends the same
 * requests (same body, same `Accept: application/json`) to `target` and sets `dw_url` from the
 * answer exactly as the SDK does; `connect()`, reconnects and everything else stay the SDK's own.
 */
export function pointDwClientAtFake(client: DWClient, target: StreamTarget): DWClient {
  client.getEndpoint = async () => {
    const { clientId, clientSecret, ua, subscriptions } = client.config;
    const response = await fetch(target.gatewayUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ clientId, clientSecret, ua, subscriptions }),
    });
    if (!response.ok) throw new Error(`gateway answered HTTP ${response.status}: ${await response.text()}`);
    const { endpoint, ticket } = (await response.json()) as { endpoint?: string; ticket?: string };
    if (!endpoint || !ticket) throw new Error('endpoint or ticket is null');
    (client as unknown as DwClientInternals).dw_url = `${endpoint}?ticket=${ticket}`;
    return client;
  };
  client.getAccessToken = async () => {
    const { clientId, clientSecret } = client.config;
    const query = new URLSearchParams({ appkey: clientId, appsecret: clientSecret });
    const response = await fetch(`${target.baseUrl}/gettoken?${query.toString()}`);
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error('getAccessToken: get access_token failed');
    client.config.access_token = body.access_token;
    return body.access_token;
  };
  return client;
}

export interface FakeClientOptions {
  keepAlive?: boolean;
  autoReconnect?: boolean;
}

/**
 * A DWClient for the fake. It gets its own `subscriptions` array: 2.1.5 shares the default
 * array between instances, so callback topics would leak from one test's client into the next (§3.2).
 */
export function createDwClientForFake(
  fake: StreamTarget & { options: { clientId: string; clientSecret: string } },
  options: FakeClientOptions = {},
): DWClient {
  const config = {
    clientId: fake.options.clientId,
    clientSecret: fake.options.clientSecret,
    ua: 'dingtalk-sdk-nodejs/2.1.5',
    subscriptions: [{ type: 'EVENT', topic: '*' }],
    ...options,
  };
  return pointDwClientAtFake(new DWClient(config as ConstructorParameters<typeof DWClient>[0]), fake);
}
