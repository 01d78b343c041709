"""Explaining policies: distilled trees as readable, playable rules; what choices hang on."""

from supportgym.explain.rules import RuleSet, RulesPolicy, describe, load_rules, save_rules

__all__ = ["RuleSet", "RulesPolicy", "describe", "load_rules", "save_rules"]
