import { act, renderHook } from "@testing-library/react";

import { FakeWebSocket } from "../test/fakeSocket";
import { setApiToken } from "./api";
import { socketUrl, useEnvSocket, useRunSocket, type EnvStreamMessage, type RunEvent } from "./socket";

beforeEach(() => FakeWebSocket.install());
afterEach(() => vi.unstubAllGlobals());

describe("socketUrl", () => {
  it("uses the page's host with ws: and adds the API token", () => {
    expect(socketUrl("/api/runs/3/ws")).toBe(`ws://${window.location.host}/api/runs/3/ws`);
    setApiToken("s3cret");
    expect(socketUrl("/api/runs/3/ws")).toBe(`ws://${window.location.host}/api/runs/3/ws?token=s3cret`);
  });
});

describe("useRunSocket", () => {
  it("delivers parsed events and reports the close", () => {
    const events: RunEvent[] = [];
    const { result } = renderHook(() => useRunSocket(7, (event) => events.push(event)));
    const socket = FakeWebSocket.latest();
    expect(socket.url).toMatch(/\/api\/runs\/7\/ws$/);
    expect(result.current.status).toBe("connecting");

    act(() => socket.open());
    expect(result.current.status).toBe("open");

    const event: RunEvent = {
      type: "heartbeat",
      status: "running",
      progress: 0.5,
      timesteps_done: 512,
      points: [],
      run: null,
    };
    act(() => socket.receive(event));
    expect(events).toEqual([event]);

    act(() => socket.close(1000));
    expect(result.current.status).toBe("closed");
    expect(result.current.closeCode).toBe(1000);
  });

  it("opens nothing without a run and reconnects on request", () => {
    const { result, rerender } = renderHook(({ id }) => useRunSocket(id, () => undefined), {
      initialProps: { id: null as number | null },
    });
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(result.current.status).toBe("closed");

    rerender({ id: 1 });
    const first = FakeWebSocket.latest();
    act(() => first.close(1006));
    expect(result.current.closeCode).toBe(1006);

    act(() => result.current.reconnect());
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(first.readyState).toBe(FakeWebSocket.CLOSED);
    expect(result.current.status).toBe("connecting");
  });
});

describe("useEnvSocket", () => {
  it("sends commands only while open", () => {
    const messages: EnvStreamMessage[] = [];
    const { result, unmount } = renderHook(() => useEnvSocket("ab".repeat(16), (m) => messages.push(m)));
    const socket = FakeWebSocket.latest();
    expect(result.current.send({ action: 2 })).toBe(false);

    act(() => socket.open());
    expect(result.current.send({ autoplay: "playbook", steps: 1 })).toBe(true);
    expect(socket.sent).toEqual([{ autoplay: "playbook", steps: 1 }]);

    unmount();
    expect(socket.readyState).toBe(FakeWebSocket.CLOSED);
  });
});
