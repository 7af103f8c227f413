"""Every extraction rule of the registry fires on its examples and not on its counter-examples
(sccon_ld/extract/rules.py; pySHACL's way of keeping each component's cases beside it)."""

from __future__ import annotations

import pytest

from sccon_ld.extract.rules import RULES, Rule

CASES = [(r, s, True) for r in RULES for s in r.fires] + [(r, s, False) for r in RULES for s in r.not_fires]


@pytest.mark.parametrize("rule,sentence,fires", CASES, ids=[f"{r.name}:{'+' if f else '-'}:{s[:30]}" for r, s, f in CASES])
def test_rule_on_its_cases(rule: Rule, sentence: str, fires: bool) -> None:
    found = rule.pattern.search(sentence)
    assert bool(found) is fires, f"{rule.name} ({rule.makes}) {'missed' if fires else 'fired on'}: {sentence!r}"


def test_rule_names_are_unique_and_every_rule_has_cases() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.fires for r in RULES), [r.name for r in RULES if not r.fires]
