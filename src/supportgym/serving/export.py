"""Exporting a trained model to ONNX (``torch.onnx``, the current exporter and opset).

The graph takes ``observations`` (``(n, 17)`` float32) and, for MaskablePPO,
``action_masks`` (``(n, 8)`` bool, applied as the model applies them), and gives
``probabilities`` (PPO, A2C, MaskablePPO: the policy's action distribution) or
``q_values`` (DQN). The file's metadata names the features and actions, the algorithm,
the run, the scenario and its version, and the package version, so that a deployment
can check what it serves. torch is imported only here, when a model is exported.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import supportgym
from supportgym.policies.sb3 import OFFLINE_ALGORITHMS, ModelPolicy
from supportgym.sim.actions import Action
from supportgym.sim.features import FEATURE_NAMES

INPUT, MASKS = "observations", "action_masks"
MASKED_LOGIT = -1e8
"""What MaskablePPO puts in place of a masked action's logit."""


def _modules() -> tuple[Any, Any]:
    import torch
    from torch import nn

    class Probabilities(nn.Module):
        """An actor-critic policy's action probabilities, masked if it uses masks."""

        def __init__(self, policy: Any, masked: bool):
            super().__init__()
            self.policy, self.masked = policy, masked

        def forward(self, observations: Any, action_masks: Any = None) -> Any:
            features = self.policy.extract_features(observations, self.policy.pi_features_extractor)
            logits = self.policy.action_net(self.policy.mlp_extractor.forward_actor(features))
            if self.masked:
                logits = torch.where(action_masks, logits, torch.full_like(logits, MASKED_LOGIT))
            return torch.softmax(logits, dim=-1)

    class QValues(nn.Module):
        """A DQN's Q-values."""

        def __init__(self, policy: Any):
            super().__init__()
            self.q_net = policy.q_net

        def forward(self, observations: Any) -> Any:
            return self.q_net(observations)

    return Probabilities, QValues


@contextmanager
def _quiet() -> Iterator[None]:
    """The exporter's notes on operators this graph never uses (torchvision's), silenced."""
    logger = logging.getLogger("torch.onnx")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("ignore", FutureWarning)
            yield
    finally:
        logger.setLevel(level)


def export_onnx(policy: ModelPolicy, path: str | Path, metadata: dict[str, str]) -> Path:
    """Write ``policy``'s network as ONNX at ``path``, with ``metadata`` added to the file's."""
    import onnx
    import torch

    probabilities, q_values = _modules()
    kind = OFFLINE_ALGORITHMS.get(policy.algorithm, policy.algorithm)
    sb3 = policy.model.policy  # type: ignore[attr-defined]
    sb3.set_training_mode(False)
    batch = torch.export.Dim("batch", min=1)
    observations = torch.zeros((2, len(FEATURE_NAMES)), dtype=torch.float32)
    if kind == "dqn":
        module, inputs, output = q_values(sb3), (observations,), "q_values"
    else:
        masked = kind == "maskable_ppo"
        module = probabilities(sb3, masked)
        masks = torch.ones((2, len(Action)), dtype=torch.bool)
        inputs, output = ((observations, masks) if masked else (observations,)), "probabilities"
    names = [INPUT, MASKS][: len(inputs)]
    path = Path(path)
    with _quiet():
        program = torch.onnx.export(
            module.eval(),
            inputs,
            input_names=names,
            output_names=[output],
            dynamic_shapes=tuple({0: batch} for _ in inputs),
            dynamo=True,
            verbose=False,
        )
    model = program.model_proto
    described = {
        "feature_names": json.dumps(list(FEATURE_NAMES)),
        "action_names": json.dumps([a.name.lower() for a in Action]),
        "algorithm": policy.algorithm,
        "output": output,
        "package_version": supportgym.__version__,
        **metadata,
    }
    onnx.helper.set_model_props(model, described)
    onnx.save(model, path)
    return path
