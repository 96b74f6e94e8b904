import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { PortalTimeouts } from '../portal-settings';

/**
 * The portal's HTTP server: node:http with timeouts that close clients which trickle their headers or
 * body (issue 16). It either listens itself or, in a worker of the portal cluster, is handed connections
 * accepted by the primary.
 */
export class VerifyPortalServer {
  readonly server: Server;

  constructor(
    listener: RequestListener,
    timeouts: PortalTimeouts,
    private readonly onClose: () => Promise<void>,
  ) {
    this.server = createServer(
      {
        headersTimeout: timeouts.headersMs,
        requestTimeout: timeouts.requestMs,
        keepAliveTimeout: timeouts.keepAliveMs,
        // Node checks the two timeouts above only this often (30 s by default), which would let a slow client stay far longer.
        connectionsCheckingInterval: Math.max(100, Math.min(1_000, timeouts.headersMs / 4)),
      },
      listener,
    );
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /**
   * Serve without listening: the cluster's primary passes accepted sockets in. Node starts the timer that
   * enforces the header and request timeouts on 'listening', so that event is raised here too.
   */
  serveHandedConnections(): void {
    this.server.emit('listening');
  }

  accept(socket: Socket): void {
    // Node's HTTP server turns Nagle's algorithm off when it accepts a socket itself; a handed-over one
    // would otherwise hold each small answer back until the client's delayed ACK (tens of ms).
    socket.setNoDelay(true);
    this.server.emit('connection', socket);
    socket.resume();
  }

  async getUrl(): Promise<string> {
    const address = this.server.address() as AddressInfo | null;
    if (!address) throw new Error('The portal is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host === '[::]' || host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.onClose();
  }
}
