"""Rules as data: packs of TOML files, each rule with an id, languages, a pattern, an action."""

from cleaner.rules.engine import Rule, RuleError, RuleSet, load_rules

__all__ = ["Rule", "RuleError", "RuleSet", "load_rules"]
