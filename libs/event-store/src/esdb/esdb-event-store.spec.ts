import { EventStoreUnavailableError } from '../errors';
import { describeEventStoreContract, event } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

/**
 * Set SOGOC_ESDB_URL (e.g. esdb://localhost:2113?tls=false; docker/compose.esdb-cluster.yml starts a 3-node cluster)
 * to run the shared contract against a real EventStoreDB/KurrentDB. Without it the run is reported
 * as skipped, by name.
 */
const connectionString = process.env.SOGOC_ESDB_URL;

describeEventStoreContract(
  'esdb',
  connectionString ? async () => new EsdbEventStore({ connectionString }) : undefined,
  'set SOGOC_ESDB_URL to an EventStoreDB/KurrentDB connection string',
  { idempotentUnderAny: false },
);

describe('EsdbEventStore without a server', () => {
  it('reports an unreachable server as EventStoreUnavailableError, not a client error type', async () => {
    const store = new EsdbEventStore({
      connectionString: 'esdb://127.0.0.1:1?tls=false&maxDiscoverAttempts=1&discoveryInterval=10&gossipTimeout=1',
    });
    await expect(store.appendToStream('unreachable-1', [event('A')], 'no_stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await store.close();
  });
});
