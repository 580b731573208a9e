import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bypasses } from "../../src/adapters/live/proxy.ts";
import { scanLive } from "../../src/live.ts";
import { useFakeEnv } from "../support/fake-aws/env.ts";
import { sharedFake } from "../support/fake-aws/harness.ts";
import * as S from "../support/fake-aws/scenarios.ts";

/** A CONNECT proxy that sends every tunnel to the loopback address, and counts them. */
let proxy: Server;
const tunnels: string[] = [];
beforeAll(async () => {
  proxy = createServer();
  proxy.on("connect", (req, client, head) => {
    tunnels.push(req.url ?? "");
    const port = Number((req.url ?? "").split(":").pop());
    const upstream = connect(port, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", () => r()));
});
afterAll(() => new Promise<void>((r) => proxy.close(() => r())));

it("HTTP_PROXY: every call goes through the proxy's tunnels, S3 Control's account host included", async () => {
  const fake = await sharedFake();
  fake.world = S.world(S.wellKept(S.ACCOUNT, { account: { regions: ["us-east-1"] } }));
  const port = new URL(fake.url).port;
  const restore = useFakeEnv(`http://aws.example.test:${port}`, S.ACCOUNT);
  process.env["HTTP_PROXY"] = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  try {
    const run = await scanLive({ cwd: "/", anchor: "a.md" });
    expect(run.exitCode).toBe(0);
    expect(tunnels).toContain(`aws.example.test:${port}`);
    expect(tunnels).toContain(`${S.ACCOUNT}.aws.example.test:${port}`);
  } finally {
    Reflect.deleteProperty(process.env, "HTTP_PROXY");
    restore();
  }
});

it("NO_PROXY and loopback hosts bypass the proxy", () => {
  const env = { NO_PROXY: "internal.example, .corp.test:8080" };
  expect(bypasses("localhost", env)).toBe(true);
  expect(bypasses("111111111111.localhost", env)).toBe(true);
  expect(bypasses("127.0.0.1", env)).toBe(true);
  expect(bypasses("api.internal.example", env)).toBe(true);
  expect(bypasses("s3.corp.test", env)).toBe(true);
  expect(bypasses("cloudtrail.us-east-1.amazonaws.com", env)).toBe(false);
  expect(bypasses("anything", { NO_PROXY: "*" })).toBe(true);
});
