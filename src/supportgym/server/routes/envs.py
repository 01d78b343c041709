"""``/api/envs``: environment sessions, played turn by turn over REST or a WebSocket.

WebSocket ``/api/envs/{id}/ws``: on connect the server sends ``{"type": "session"}``
with the session's state. The client then sends one command per message,
``{"action": 3}``, ``{"action": "escalate"}``, ``{"autoplay": "playbook", "steps": 5}``
(steps optional: to the end) or ``{"reset": {"seed": 7}}``, and gets
``{"type": "step", "step": …}`` per turn taken, ``{"type": "session", …}`` after a
reset, or ``{"type": "error", "status": …, "detail": …}`` for a refused command (the
connection stays open). An unknown, deleted or expired session closes the socket
with code 1008 (policy violation); a message over the body limit with 1009.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from supportgym.server import playground
from supportgym.server.autoplay import PolicyLoader
from supportgym.server.deps import PoliciesDep, SessionsDep, SettingsDep, StoreDep
from supportgym.server.errors import ApiError, NotFound, summary, validation_errors
from supportgym.server.schemas import (
    EnvAutoplay,
    EnvAutoplayRequest,
    EnvCommand,
    EnvResetRequest,
    EnvSessionCreate,
    EnvSessionDetail,
    EnvSessionPublic,
    EnvStep,
    EnvStepRequest,
    error_responses,
)
from supportgym.server.schemas.common import MAX_AUTOPLAY_STEPS, SESSION_ID_PATTERN
from supportgym.server.schemas.envs import EnvStreamError, EnvStreamSession, EnvStreamStep
from supportgym.server.sessions import SessionManager
from supportgym.store import AbstractStore

router = APIRouter(prefix="/envs", tags=["envs"])

SessionId = Annotated[str, Path(pattern=SESSION_ID_PATTERN, description="The session's id.")]


@router.post(
    "",
    response_model=EnvSessionPublic,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(400, 404, 413, 422, 429),
)
def create_env(body: EnvSessionCreate, store: StoreDep, sessions: SessionsDep) -> EnvSessionPublic:
    """Start an environment session: the customer's opening line and first observation."""
    return playground.create(sessions, store, body)


@router.get("/{session_id}", response_model=EnvSessionDetail, responses=error_responses(404, 422))
def read_env(session_id: SessionId, sessions: SessionsDep) -> EnvSessionDetail:
    """A session's state and its transcript so far."""
    return playground.read(sessions, session_id)


@router.delete(
    "/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404, 422),
)
def delete_env(session_id: SessionId, sessions: SessionsDep) -> None:
    """End a session."""
    sessions.delete(session_id)


@router.post(
    "/{session_id}/step",
    response_model=EnvStep,
    responses=error_responses(400, 404, 409, 413, 422),
)
def step_env(session_id: SessionId, body: EnvStepRequest, sessions: SessionsDep) -> EnvStep:
    """Take one action (by index or name): the customer's reply, reward and new observation."""
    return playground.step(sessions, session_id, body.action)


@router.post(
    "/{session_id}/reset",
    response_model=EnvSessionPublic,
    responses=error_responses(400, 404, 413, 422),
)
def reset_env(
    session_id: SessionId, sessions: SessionsDep, body: EnvResetRequest | None = None
) -> EnvSessionPublic:
    """Start the session's next conversation (a new customer; the same one for the same seed)."""
    return playground.reset(sessions, session_id, body.seed if body else None)


@router.post(
    "/{session_id}/autoplay",
    response_model=EnvAutoplay,
    responses=error_responses(400, 404, 409, 413, 422),
)
def autoplay_env(
    session_id: SessionId,
    body: EnvAutoplayRequest,
    sessions: SessionsDep,
    policies: PoliciesDep,
    store: StoreDep,
) -> EnvAutoplay:
    """Let a policy play some turns (default: to the end), with its action probabilities."""
    policy = playground.load_policy(sessions, policies, store, session_id, body.policy)
    return playground.autoplay(sessions, session_id, policy, body.policy, body.steps)


@router.websocket("/{session_id}/ws")
async def stream_env(
    websocket: WebSocket,
    session_id: SessionId,
    sessions: SessionsDep,
    policies: PoliciesDep,
    store: StoreDep,
    settings: SettingsDep,
) -> None:
    """Play a session over a WebSocket (see the module docstring for the messages)."""
    await websocket.accept()
    stream = _Stream(websocket, session_id, sessions, policies, store)
    try:
        await stream.send_state()
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            data = message.get("text") or message.get("bytes") or b""
            if len(data) > settings.max_body_bytes:
                await websocket.close(status.WS_1009_MESSAGE_TOO_BIG, "message too large")
                return
            await stream.run(data)
    except NotFound as error:
        await websocket.close(status.WS_1008_POLICY_VIOLATION, error.detail[:120])
    except WebSocketDisconnect:
        pass


class _Stream:
    """One WebSocket's commands to one session."""

    def __init__(
        self,
        websocket: WebSocket,
        session_id: str,
        sessions: SessionManager,
        policies: PolicyLoader,
        store: AbstractStore,
    ):
        self.websocket = websocket
        self.session_id = session_id
        self.sessions = sessions
        self.policies = policies
        self.store = store

    async def send_state(self) -> None:
        state = await run_in_threadpool(playground.read, self.sessions, self.session_id)
        await self._send(EnvStreamSession(session=state))

    async def run(self, data: str | bytes) -> None:
        """Carry out one command; a refused one is answered with an error message."""
        try:
            command = EnvCommand.model_validate_json(data)
        except ValidationError as error:
            errors = validation_errors(error.errors())
            await self._send(EnvStreamError(status=422, detail=summary(errors), errors=errors))
            return
        try:
            await self._dispatch(command)
        except NotFound:
            raise
        except ApiError as error:
            await self._send(
                EnvStreamError(status=error.status_code, detail=error.detail, errors=error.errors)
            )

    async def _dispatch(self, command: EnvCommand) -> None:
        sessions, session_id = self.sessions, self.session_id
        if command.action is not None:
            step = await run_in_threadpool(playground.step, sessions, session_id, command.action)
            await self._send(EnvStreamStep(step=step))
        elif command.reset is not None:
            await run_in_threadpool(playground.reset, sessions, session_id, command.reset.seed)
            await self.send_state()
        elif command.autoplay is not None:
            spec = command.autoplay
            policy = await run_in_threadpool(
                playground.load_policy, sessions, self.policies, self.store, session_id, spec
            )
            for _ in range(command.steps or MAX_AUTOPLAY_STEPS):
                step = await run_in_threadpool(
                    playground.play_turn, sessions, session_id, policy, spec
                )
                await self._send(EnvStreamStep(step=step))
                if step.terminated or step.truncated:
                    break

    async def _send(self, message: BaseModel) -> None:
        await self.websocket.send_text(message.model_dump_json())
