import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import proxyaddr from 'proxy-addr';
import { clientKey } from './client-address';

export type ClientOf = (request: IncomingMessage) => string;

const CLIENT = Symbol('so-goc client key');
type Keyed = Socket & { [CLIENT]?: string };

/**
 * The client a request is limited and logged under. Without a trusted proxy it is the socket's peer,
 * worked out once per connection; behind one, X-Forwarded-For is read as Express's "trust proxy" did.
 */
export function clientResolver(trustProxy: boolean | number | string | undefined): ClientOf {
  if (trustProxy === undefined || trustProxy === false) {
    return (request) => {
      const socket = request.socket as Keyed;
      return (socket[CLIENT] ??= clientKey(socket.remoteAddress));
    };
  }
  const trust = compileTrust(trustProxy);
  return (request) => clientKey(proxyaddr(request, trust));
}

function compileTrust(value: true | number | string): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyaddr.compile(value.split(',').map((part) => part.trim()));
}
