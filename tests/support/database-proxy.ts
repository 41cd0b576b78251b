import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of the test database, which the test can cut (every connection
 * dropped, new ones refused) and bring back on the same port. The PostgreSQL server itself is
 * never touched. `cutOn` drops the connections, without forwarding, at the first chunk from the
 * app that matches: the way to lose the database in the middle of a transaction.
 */
export async function startDatabaseProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let cutOn: RegExp | null = null;
  let cuts = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (cutOn && cutOn.test(chunk.toString('latin1'))) {
        cutOn = null;
        cuts += 1;
        drop();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    get cuts() {
      return cuts;
    },
    cutOnce(pattern: RegExp) {
      cutOn = pattern;
    },
    async down() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
    },
    async up() {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
