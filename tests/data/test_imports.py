"""The package, the env and reading logs stay light: the data tools' libraries load on use."""

HEAVY = ("torch", "stable_baselines3", "sklearn", "minari", "pyarrow", "h5py", "scipy")
CODE = """
import gymnasium as gym
import supportgym
from supportgym.data import read_logs, write_logs
from supportgym.data.sample import sample_logs
from supportgym.policies import make_policy
from supportgym.policies.stochastic import MixedPolicy
from supportgym.sim import compile_scenario, load_scenario

env = gym.make("SupportGym/Retail-v0")
env.reset(seed=1)
scenario = load_scenario("retail")
policy = MixedPolicy([make_policy("playbook", compile_scenario(scenario))], 0.2)
path = write_logs(sample_logs(policy, scenario, 20), "{folder}/logs.csv.gz")
assert read_logs(path).n_contacts == 20
"""


def test_importing_the_package_and_reading_logs_loads_no_heavy_library(tmp_path, loaded_by):
    assert loaded_by(CODE.replace("{folder}", str(tmp_path)), *HEAVY) == []
