import { useCallback, useEffect, useEffectEvent, useRef, useState } from "react";

import type {
  EnvCommand,
  EnvStreamError,
  EnvStreamSession,
  EnvStreamStep,
  RunEvent,
} from "../client";
import { apiToken } from "./api";

/** A message of `WS /api/envs/{id}/ws`. */
export type EnvStreamMessage = EnvStreamSession | EnvStreamStep | EnvStreamError;

export type { EnvCommand, RunEvent };

export type SocketStatus = "connecting" | "open" | "closed";

export interface SocketState<TCommand> {
  status: SocketStatus;
  /** The close code once closed (1000 normal, 1008 unknown id or token, 1006 connection lost). */
  closeCode: number | null;
  closeReason: string;
  /** Sends a command; false when the socket is not open. */
  send: (command: TCommand) => boolean;
  /** Opens a new connection to the same path. */
  reconnect: () => void;
}

/** The `ws:`/`wss:` URL of an API path on this page's origin, with the API token if set. */
export function socketUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const token = apiToken();
  if (token) url.searchParams.set("token", token);
  return url.toString();
}

interface Connection {
  key: string;
  status: SocketStatus;
  closeCode: number | null;
  closeReason: string;
}

/** A WebSocket to `path` (none while null) that hands each JSON message to `onMessage`. */
export function useSocket<TMessage, TCommand>(
  path: string | null,
  onMessage: (message: TMessage) => void,
): SocketState<TCommand> {
  const [attempt, setAttempt] = useState(0);
  const [connection, setConnection] = useState<Connection | null>(null);
  const socketRef = useRef<WebSocket | null>(null);
  const deliver = useEffectEvent((data: string) => onMessage(JSON.parse(data) as TMessage));
  const key = path === null ? null : `${attempt}:${path}`;

  useEffect(() => {
    if (path === null || key === null) return;
    const socket = new WebSocket(socketUrl(path));
    socketRef.current = socket;
    socket.onopen = () => setConnection({ key, status: "open", closeCode: null, closeReason: "" });
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data === "string") deliver(event.data);
    };
    socket.onclose = (event: CloseEvent) =>
      setConnection({ key, status: "closed", closeCode: event.code, closeReason: event.reason });
    return () => {
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.close(1000);
      if (socketRef.current === socket) socketRef.current = null;
    };
  }, [path, key]);

  const send = useCallback((command: TCommand) => {
    const socket = socketRef.current;
    if (socket === null || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(command));
    return true;
  }, []);
  const reconnect = useCallback(() => setAttempt((n) => n + 1), []);

  const current = connection !== null && connection.key === key ? connection : null;
  return {
    status: key === null ? "closed" : (current?.status ?? "connecting"),
    closeCode: current?.closeCode ?? null,
    closeReason: current?.closeReason ?? "",
    send,
    reconnect,
  };
}

/** Plays an environment session live (see {@link EnvStreamMessage} and {@link EnvCommand}). */
export function useEnvSocket(
  sessionId: string | null,
  onMessage: (message: EnvStreamMessage) => void,
): SocketState<EnvCommand> {
  return useSocket<EnvStreamMessage, EnvCommand>(
    sessionId === null ? null : `/api/envs/${encodeURIComponent(sessionId)}/ws`,
    onMessage,
  );
}

/** Follows a training run live: its metric points, status changes and end. */
export function useRunSocket(
  runId: number | null,
  onEvent: (event: RunEvent) => void,
): SocketState<never> {
  return useSocket<RunEvent, never>(runId === null ? null : `/api/runs/${runId}/ws`, onEvent);
}
