import { useCallback, useReducer } from "react";

import { useEnvSocket, type EnvCommand, type SocketStatus } from "../../lib/socket";
import { initialState, playgroundReducer, type PlaygroundState } from "./episode";

export interface PlaygroundSession extends PlaygroundState {
  connection: SocketStatus;
  closeCode: number | null;
  /** Sends a command to the session (ignored while the socket is not open). */
  send: (command: EnvCommand) => void;
  reconnect: () => void;
  dismissError: () => void;
}

/** Plays one environment session over its WebSocket. */
export function usePlaygroundSession(sessionId: string): PlaygroundSession {
  const [state, dispatch] = useReducer(playgroundReducer, initialState);
  const socket = useEnvSocket(sessionId, (message) => dispatch({ type: "received", message }));
  const { send: sendRaw, reconnect } = socket;
  const send = useCallback(
    (command: EnvCommand) => {
      if (sendRaw(command)) dispatch({ type: "sent", command });
    },
    [sendRaw],
  );
  const dismissError = useCallback(() => dispatch({ type: "dismissError" }), []);
  return {
    ...state,
    connection: socket.status,
    closeCode: socket.closeCode,
    send,
    reconnect,
    dismissError,
  };
}
