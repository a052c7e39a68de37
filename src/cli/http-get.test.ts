/**
 * The keep-alive GET client of the Placement walk: requests in flight share a few reused connections,
 * and a GET whose reused connection the server had closed is sent again on a fresh one.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { keepAliveClient } from "./http-get.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((ok) => s.close(ok));
  }
});

/** A server answering `{ path }`; `onRequest` may refuse a request by destroying its socket. */
async function serve(onRequest: (socket: Socket, nth: number) => boolean = () => true): Promise<{ base: string; connections: () => number }> {
  let connections = 0;
  const served = new WeakMap<Socket, number>();
  const server = createServer((req, res) => {
    const nth = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, nth);
    if (!onRequest(req.socket, nth)) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json", "X-Seen": req.headers["x-probe"] ?? "" });
    res.end(JSON.stringify({ path: req.url }));
  });
  server.on("connection", () => connections++);
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

describe("keepAliveClient", () => {
  it("answers 200 GETs, 8 at a time, over at most 8 connections kept alive", async () => {
    const { base, connections } = await serve();
    const client = keepAliveClient(8);
    try {
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => client.get(`${base}/r/${i}`, { "X-Probe": "p" })));
      expect(answers.map((a) => (JSON.parse(a.bodyText) as { path: string }).path)).toEqual(Array.from({ length: 200 }, (_, i) => `/r/${i}`));
      expect(answers.every((a) => a.status === 200 && a.statusText === "OK" && a.header("x-seen") === "p")).toBe(true);
      expect(connections()).toBeLessThanOrEqual(8);
    } finally {
      client.close();
    }
  });

  it("sends a GET again on a fresh connection when the server closed the reused one, once", async () => {
    // Every connection serves one request; a second on it finds the socket closed (an idle timeout race).
    const { base, connections } = await serve((_, nth) => nth === 1);
    const client = keepAliveClient(2);
    try {
      for (let i = 0; i < 5; i++) expect((await client.get(`${base}/r/${i}`, {})).status).toBe(200);
      expect(connections()).toBeGreaterThan(1);
    } finally {
      client.close();
    }
  });

  it("fails a GET on a fresh connection that closes (no retry, the caller names the URL)", async () => {
    const { base } = await serve(() => false);
    const client = keepAliveClient(2);
    try {
      await expect(client.get(`${base}/r`, {})).rejects.toThrow(/socket hang up/);
    } finally {
      client.close();
    }
  });
});
