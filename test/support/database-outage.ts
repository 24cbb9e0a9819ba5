import type { AbstractSqlConnection } from '@mikro-orm/knex';
import type { Orm } from '../../src/db/orm.js';

interface KnexClient {
  acquireConnection(this: KnexClient): Promise<unknown>;
}

export interface Outage {
  /** The database answers again; connections held back by a freeze go ahead now. */
  end(): void;
}

function clientOf(orm: Orm): KnexClient {
  return (orm.em.getConnection() as AbstractSqlConnection).getKnex().client as KnexClient;
}

/**
 * The database refuses new connections, as a stopped MariaDB does (ECONNREFUSED): every query
 * and transaction that needs a connection from the pool fails. Works alike on both dialects
 * because it sits where Knex hands out connections.
 */
export function refuseConnections(orm: Orm): Outage {
  const client = clientOf(orm);
  const original = client.acquireConnection;
  client.acquireConnection = () =>
    Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }));
  return { end: () => (client.acquireConnection = original) };
}

/** The database stops answering (a frozen MariaDB): no connection is handed out until `end()`. */
export function freezeConnections(orm: Orm): Outage {
  const client = clientOf(orm);
  const original = client.acquireConnection;
  let thaw = () => {};
  const thawed = new Promise<void>((resolve) => (thaw = resolve));
  client.acquireConnection = async function (this: KnexClient) {
    await thawed;
    return original.call(this);
  };
  return {
    end() {
      client.acquireConnection = original;
      thaw();
    },
  };
}
