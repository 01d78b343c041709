"""Training with Stable-Baselines3 on the native vector env."""
