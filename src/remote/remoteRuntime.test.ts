import { describe, expect, it } from "vitest";
import { ContainerState, CriError } from "../sim/cri";
import { RemoteRuntime, type WebSocketLike } from "./remoteRuntime";

/** A socket the test drives by hand: records frames, delivers replies synchronously. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: any[] = [];
  onopen: ((ev: any) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: any) => void) | null = null;
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  reply(msg: unknown): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const rt = new RemoteRuntime({
    url: "ws://127.0.0.1:7070",
    token: "T",
    reconnect: false,
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
  });
  return { rt, ws: sockets[0] };
}

describe("RemoteRuntime", () => {
  it("authenticates in the first frame, queues calls until hello, settles on the reply", () => {
    const { rt, ws } = setup();
    const d = rt.listContainers({ filter: { podSandboxId: "p1" } });
    ws.open();
    expect(ws.sent).toEqual([{ token: "T" }]);
    ws.reply({ event: "hello", session: "s1", runtime: { up: true, endpoint: "unix:///x" } });
    expect(rt.state).toMatchObject({ connected: true, runtimeUp: true, session: "s1" });
    expect(ws.sent[1]).toEqual({
      id: 1,
      method: "ListContainers",
      request: { filter: { podSandboxId: "p1" } },
    });
    expect(d.settled).toBe(false);
    ws.reply({ id: 1, response: { containers: [{ id: "c1", state: 1 }] } });
    // synchronous, like SimRuntime's Deferreds: no microtask in between
    expect(d.outcome).toEqual({
      ok: true,
      value: { containers: [{ id: "c1", state: ContainerState.CONTAINER_RUNNING }] },
    });
  });

  it("turns error replies into CriError with the gRPC code name", () => {
    const { rt, ws } = setup();
    ws.open();
    ws.reply({ event: "hello", session: "s1", runtime: { up: true } });
    const d = rt.pullImage({ image: { image: "localhost:5000/busybox:nope" } });
    ws.reply({ id: 1, error: { code: 5, message: "localhost:5000/busybox:nope: not found" } });
    const err = d.outcome?.ok === false ? d.outcome.error : undefined;
    expect(err).toBeInstanceOf(CriError);
    expect((err as CriError).code).toBe("NotFound");
    expect((err as CriError).message).toBe(
      "rpc error: code = NotFound desc = localhost:5000/busybox:nope: not found",
    );
  });

  it("fails pending and later calls with Unavailable when the connection drops", () => {
    const { rt, ws } = setup();
    ws.open();
    ws.reply({ event: "hello", session: "s1", runtime: { up: true } });
    const pending = rt.version({ version: "v1" });
    ws.close(1006, "");
    expect((pending.outcome as any).error.code).toBe("Unavailable");
    expect(rt.state.connected).toBe(false);
    expect((rt.status({}).outcome as any).error.code).toBe("Unavailable");
  });

  it("tracks the runtime going down and forwards container events", () => {
    const { rt, ws } = setup();
    ws.open();
    ws.reply({ event: "hello", session: "s1", runtime: { up: true } });
    const seen: string[] = [];
    const cancel = rt.getContainerEvents((e) => seen.push(`${e.containerId}:${e.containerEventType}`));
    expect(ws.sent.at(-1)).toMatchObject({ method: "GetContainerEvents" });
    ws.reply({
      stream: "containerEvents",
      event: { containerId: "c1", containerEventType: 2, createdAt: 1 },
    });
    expect(seen).toEqual(["c1:2"]);
    ws.reply({ event: "runtime", up: false, message: "connect ENOENT" });
    expect(rt.state).toMatchObject({ connected: true, runtimeUp: false, message: "connect ENOENT" });
    cancel();
    expect(ws.sent.at(-1)).toMatchObject({ method: "CancelContainerEvents" });
  });

  it("rejects ready() with Unauthenticated when the backend refuses the token", async () => {
    const { rt, ws } = setup();
    ws.open();
    ws.close(4401, "invalid or missing token");
    await expect(rt.ready()).rejects.toMatchObject({ code: "Unauthenticated" });
  });
});
