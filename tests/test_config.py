"""config: voice profiles (bundled, by path, inherited) and run settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import load_profile
from briefing.errors import ConfigError
from briefing.speech import get_engine


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[roles.anchor]\nengine = 'espeak'\n", "roles.anchor.engine: unknown engine"),
        ("[roles.anchor]\nspeed = 'fast'\n", "roles.anchor.speed: expected a number"),
        ("[roles.anchor]\nspeed = 9.0\n", "roles.anchor.speed: 9.0 is outside"),
        ("[roles.singer]\nvoice = 'x'\n", "unknown role 'roles.singer'"),
        ("[roles.quote]\ncolour = 'red'\n", "unknown key 'roles.quote.colour'"),
        ("[show]\nwords_per_minute = 5\n", "show.words_per_minute"),
        ("[lexicon]\nkyiv = 3\n", "'lexicon' must map words"),
        ("[roles.anchor\n", "not valid TOML"),
    ],
)
def test_bad_profile_names_file_and_key(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=r"bad\.toml") as error:
        load_profile(str(path))
    assert message in str(error.value)


def test_profile_voice_paths_are_relative_to_the_profile(tmp_path: Path) -> None:
    (tmp_path / "v.toml").write_text("[roles.narrator]\nvoice = 'models/my.onnx'\n")
    profile = load_profile(str(tmp_path / "v.toml"))
    assert profile.role("narrator").voice == str(tmp_path / "models" / "my.onnx")
    with pytest.raises(ConfigError, match="Piper voice not found"):
        get_engine("piper").synthesize("Hi.", profile.role("narrator"))


def test_default_profile_roles() -> None:
    profile = load_profile("default")
    assert set(profile.roles) == {"anchor", "narrator", "quote"}
    assert profile.lexicon["kyiv"] == "Keev"
    assert all(r.engine == "hibari" for r in profile.roles.values())
    # The quote voice is another voice, not only another speed.
    quote, narrator = profile.role("quote"), profile.role("narrator")
    assert (quote.pitch, quote.formant) != (narrator.pitch, narrator.formant)


def test_the_example_profiles_in_voices_load_and_inherit(monkeypatch) -> None:
    from briefing.config import profile_folders
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    default = load_profile("default")
    for path in sorted((ROOT / "voices").glob("*.toml")):
        profile = load_profile(path.stem, profile_folders())
        assert profile.lexicon.items() >= default.lexicon.items()  # inherited, then added to
        assert set(profile.roles) == set(default.roles)
    morning = load_profile("morning", profile_folders())
    assert morning.show == "Morning Briefing" and morning.role("narrator").speed == 1.05
    assert morning.role("quote") == default.role("quote")
