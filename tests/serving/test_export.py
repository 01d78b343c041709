"""ONNX export: onnxruntime gives the trained model's probabilities (or Q-values) and actions."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from supportgym.policies.sb3 import ModelPolicy, algorithm_class
from supportgym.serving.export import export_onnx
from supportgym.serving.runtime import OnnxPolicy
from supportgym.sim import FEATURE_NAMES
from supportgym.training.sb3_vec_env import SupportSB3VecEnv

SETTINGS = {
    "ppo": {"n_steps": 64, "batch_size": 64},
    "a2c": {"n_steps": 8},
    "maskable_ppo": {"n_steps": 64, "batch_size": 64},
    "dqn": {"learning_starts": 0, "buffer_size": 1000, "train_freq": 4},
}


def _states(count: int = 10_000) -> tuple[np.ndarray, np.ndarray]:
    """Observations across every feature's range, and masks with random actions masked."""
    rng = np.random.default_rng(0)
    from supportgym.sim import FEATURES

    low = np.array([f.low for f in FEATURES])
    high = np.array([f.high for f in FEATURES])
    observations = rng.uniform(low, high, (count, len(FEATURES))).astype(np.float32)
    masks = rng.random((count, 8)) < 0.7
    masks[:, 7] = True  # closing is never masked
    return observations, masks


@pytest.mark.parametrize("algorithm", list(SETTINGS))
def test_onnxruntime_decides_as_the_trained_model(algorithm, tmp_path):
    env = SupportSB3VecEnv(4, "retail")
    model = algorithm_class(algorithm)(
        "MlpPolicy", env, seed=1, device="cpu", **SETTINGS[algorithm]
    )
    model.learn(512)
    trained = ModelPolicy(model, algorithm)
    path = export_onnx(
        trained, tmp_path / "policy.onnx", {"run_id": "7", "scenario_version": "abc"}
    )
    served = OnnxPolicy(path)
    observations, masks = _states()
    if algorithm == "dqn":
        with torch.no_grad():
            expected = model.policy.q_net(torch.as_tensor(observations)).numpy()
        np.testing.assert_allclose(served.scores(observations, masks), expected, atol=1e-5)
    else:
        expected = trained.action_probabilities(observations, masks)
        np.testing.assert_allclose(served.probabilities(observations, masks), expected, atol=1e-5)
    np.testing.assert_array_equal(
        served.act(observations, masks, None), trained.act(observations, masks, None)
    )
    assert served.masked == (algorithm == "maskable_ppo")
    assert json.loads(served.metadata["feature_names"]) == list(FEATURE_NAMES)
    assert served.metadata["algorithm"] == algorithm and served.metadata["run_id"] == "7"
    assert served.metadata["package_version"]


def test_a_file_that_is_not_a_policy_is_refused(tmp_path):
    path = tmp_path / "junk.onnx"
    path.write_bytes(b"not onnx")
    with pytest.raises(ValueError, match="not a readable ONNX model"):
        OnnxPolicy(path)
