"""The built-in scenario library (YAML files)."""
