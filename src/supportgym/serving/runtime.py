"""Running an exported policy with onnxruntime: what a deployment decides with, torch-free.

:class:`OnnxPolicy` reads an ONNX file from :mod:`supportgym.serving.export`, checks that
it takes the 17 features and gives 8 action scores, and answers with the action
probabilities (a DQN's greedy choice as all of its probability, as the trained model's
own view does). It is a :class:`~supportgym.policies.Policy` too, acting as the model
does: greedily, with the masks where the model uses them. onnxruntime is imported when
the first model loads.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from supportgym.sim.actions import Action
from supportgym.sim.features import FEATURE_NAMES
from supportgym.sim.state import CustomerBatch

INPUT, MASKS = "observations", "action_masks"


class OnnxPolicy:
    """An exported model in an onnxruntime session (one thread: small models, steady latency)."""

    def __init__(self, path: str | Path, name: str = "onnx"):
        import onnxruntime

        path = Path(path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        try:
            self._session = onnxruntime.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # onnxruntime raises its own types for unreadable files
            raise ValueError(f"{path}: not a readable ONNX model ({error})") from None
        self.metadata = dict(self._session.get_modelmeta().custom_metadata_map)
        inputs = [i.name for i in self._session.get_inputs()]
        if inputs not in ([INPUT], [INPUT, MASKS]) or json.loads(
            self.metadata.get("feature_names", "[]")
        ) != list(FEATURE_NAMES):
            raise ValueError(f"{path}: not a SupportGym policy (inputs {inputs})")
        self.masked = MASKS in inputs
        self.output = self._session.get_outputs()[0].name
        self.name = name

    def scores(self, observations: np.ndarray, action_masks: np.ndarray) -> np.ndarray:
        """``(n, 8)``: what the graph gives, probabilities or Q-values."""
        feeds = {INPUT: np.ascontiguousarray(observations, dtype=np.float32)}
        if self.masked:
            feeds[MASKS] = np.ascontiguousarray(action_masks, dtype=bool)
        return self._session.run([self.output], feeds)[0]

    def probabilities(self, observations: np.ndarray, action_masks: np.ndarray) -> np.ndarray:
        """``(n, 8)`` action probabilities (for a DQN, one-hot on its greedy action)."""
        scores = self.scores(observations, action_masks)
        if self.output == "q_values":
            return np.eye(len(Action))[scores.argmax(axis=1)]
        return scores.astype(np.float64)

    def act(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """The model's greedy actions."""
        return self.scores(observations, action_masks).argmax(axis=1).astype(np.int64)
