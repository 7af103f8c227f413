"""Typed settings: every setting declared once with help text, an unknown key in a user's file is
an error naming it, and the README's limits table says what the settings say."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sccon_ld import settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_has_help_and_a_type():
    assert settings.SETTINGS, "settings.toml declares nothing?"
    missing = [s.key for s in settings.SETTINGS if not s.help]
    assert missing == []
    assert {s.type for s in settings.SETTINGS} <= {str, int, float, bool, list}


def test_a_typo_in_a_user_file_is_an_error_naming_the_key(tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text("[sparql]\nquery_timout = 5\n", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"sparql\.query_timout.*did you mean sparql\.query_timeout"):
        settings.load(config)


def test_an_unknown_section_and_a_wrong_type_are_errors(tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text("[sever]\nport = 1\n", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"unknown section \[sever\].*\[server\]"):
        settings.load(config)
    config.write_text('[server]\nport = "eighty"\n', encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"server\.port must be int"):
        settings.load(config)


def test_values_keep_their_type(tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text("[sparql]\nquery_timeout = 3\n", encoding="utf-8")
    loaded = settings.load(config)
    assert loaded.sparql["query_timeout"] == 3.0 and isinstance(loaded.sparql["query_timeout"], float)
    assert loaded.sparql["max_result_rows"] == 10000  # the rest stays at its default


def test_the_cli_stops_at_start_up_on_an_unknown_key(tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text("[server]\nreload_check_second = 5\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sccon_ld.cli", "--config", str(config), "serve"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 2
    assert "server.reload_check_second" in result.stderr and "Traceback" not in result.stderr


def test_the_readme_limits_table_matches_the_settings():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Limits", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)\.([a-z_]+)` \| ([^|]+) \|", table, flags=re.M)
    assert len(rows) >= 8
    by_key = {(s.section, s.name): s for s in settings.SETTINGS}
    for section, name, default_cell in rows:
        setting = by_key.get((section, name))
        assert setting is not None, f"README names {section}.{name}, which is not a setting"
        shown = float(re.search(r"[0-9][0-9_.]*", default_cell).group(0).replace("_", ""))
        assert shown == setting.default, f"README: {section}.{name} = {default_cell.strip()}, settings: {setting.default}"
    limits = {s.key for s in settings.SETTINGS if s.section in ("sparql",)} - {"sparql.queue_wait"}
    assert limits <= {f"{s}.{n}" for s, n, _ in rows}, "a SPARQL limit is missing from the README table"
