"""Run settings (`Config`) and voice profiles read from TOML."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .fetch import FetchOptions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROLES = ("anchor", "narrator", "quote")
#: Length of the chime that opens and closes a briefing when a profile asks for it.
JINGLE_SECONDS = 0.66
ENGINES = ("piper", "gtts", "tone")


@dataclass(frozen=True)
class Role:
    """How one role speaks: engine, voice and delivery."""

    engine: str = "piper"
    voice: str = "en_US-joe-medium"
    speed: float = 1.0
    noise_scale: float | None = None
    noise_w: float | None = None
    pause_before: float = 0.2
    pause_after: float = 0.4
    lang: str = "en"
    tld: str = "com"

    def settings(self) -> tuple[Any, ...]:
        """What changes the rendered sound, for cache keys."""
        return (
            self.engine,
            self.voice,
            self.speed,
            self.noise_scale,
            self.noise_w,
            self.lang,
            self.tld,
        )


@dataclass(frozen=True)
class VoiceProfile:
    name: str
    path: str
    roles: dict[str, Role]
    lexicon: dict[str, str] = field(default_factory=dict)
    show: str = "Briefing"
    author: str = "briefing"
    language: str = "en"
    words_per_minute: float = 172.0
    sentence_pause: float = 0.28
    chapter_pause: float = 1.0
    jingle: bool = False
    music_bed: bool = False

    def role(self, name: str) -> Role:
        return self.roles[name]

    def with_engine(self, engine: str) -> VoiceProfile:
        """The same profile with every role on one engine."""
        if engine not in ENGINES:
            raise ConfigError(f"unknown engine '{engine}' (engines: {', '.join(ENGINES)})")
        return replace(self, roles={k: replace(r, engine=engine) for k, r in self.roles.items()})


_ROLE_KEYS = {f for f in Role.__dataclass_fields__}
_SHOW_KEYS = frozenset(
    "name author language words_per_minute sentence_pause chapter_pause jingle music_bed".split()
)


def _number(value: Any, where: str, *, low: float = 0.0, high: float = 1e9) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{where}: expected a number, got {value!r}")
    if not low <= value <= high:
        raise ConfigError(f"{where}: {value} is outside {low}..{high}")
    return float(value)


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    return value


def parse_profile(data: dict[str, Any], name: str, path: str) -> VoiceProfile:
    """Validate a profile's TOML table; errors name the file and the key."""
    unknown = set(data) - {"show", "roles", "lexicon"}
    if unknown:
        raise ConfigError(f"{path}: unknown key '{sorted(unknown)[0]}'")
    show = data.get("show", {})
    if not isinstance(show, dict):
        raise ConfigError(f"{path}: 'show' must be a table")
    for key in show:
        if key not in _SHOW_KEYS:
            raise ConfigError(f"{path}: unknown key 'show.{key}'")
    roles: dict[str, Role] = {}
    raw_roles = data.get("roles", {})
    if not isinstance(raw_roles, dict):
        raise ConfigError(f"{path}: 'roles' must be a table")
    for role_name, raw in raw_roles.items():
        if role_name not in ROLES:
            raise ConfigError(
                f"{path}: unknown role 'roles.{role_name}' (roles: {', '.join(ROLES)})"
            )
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: 'roles.{role_name}' must be a table")
        values: dict[str, Any] = {}
        for key, value in raw.items():
            where = f"{path}: roles.{role_name}.{key}"
            if key not in _ROLE_KEYS:
                raise ConfigError(f"{path}: unknown key 'roles.{role_name}.{key}'")
            if key == "engine":
                if value not in ENGINES:
                    raise ConfigError(f"{where}: unknown engine {value!r} ({', '.join(ENGINES)})")
                values[key] = value
            elif key in ("voice", "lang", "tld"):
                if not isinstance(value, str) or not value:
                    raise ConfigError(f"{where}: expected a non-empty string")
                values[key] = value
            elif key == "speed":
                values[key] = _number(value, where, low=0.25, high=4.0)
            elif key in ("noise_scale", "noise_w"):
                values[key] = _number(value, where, high=2.0)
            else:
                values[key] = _number(value, where, high=10.0)
        if "voice" in values and values["voice"].endswith(".onnx"):
            voice = Path(values["voice"])
            if not voice.is_absolute():
                values["voice"] = str((Path(path).parent / voice).resolve())
        roles[role_name] = Role(**values)
    for role_name in ROLES:
        roles.setdefault(role_name, roles.get("narrator", Role()))
    lexicon = data.get("lexicon", {})
    if not isinstance(lexicon, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in lexicon.items()
    ):
        raise ConfigError(f"{path}: 'lexicon' must map words to spoken forms (strings)")
    return VoiceProfile(
        name=name,
        path=path,
        roles=roles,
        lexicon=dict(lexicon),
        show=str(show.get("name", "Briefing")),
        author=str(show.get("author", "briefing")),
        language=str(show.get("language", "en")),
        words_per_minute=_number(
            show.get("words_per_minute", 172), f"{path}: show.words_per_minute", low=60, high=400
        ),
        sentence_pause=_number(
            show.get("sentence_pause", 0.28), f"{path}: show.sentence_pause", high=5
        ),
        jingle=_flag(show.get("jingle", False), f"{path}: show.jingle"),
        music_bed=_flag(show.get("music_bed", False), f"{path}: show.music_bed"),
        chapter_pause=_number(
            show.get("chapter_pause", 1.0), f"{path}: show.chapter_pause", high=10
        ),
    )


def bundled_profiles() -> dict[str, str]:
    """Profiles shipped with the package: name -> TOML text."""
    folder = resources.files("briefing.voices")
    return {
        p.name[:-5]: p.read_text(encoding="utf-8")
        for p in folder.iterdir()
        if p.name.endswith(".toml")
    }


def profile_folders() -> tuple[Path, ...]:
    """Where profiles are looked up by name: ./voices, then the user's config folder."""
    from platformdirs import user_config_dir

    return (Path("voices"), Path(user_config_dir("briefing")) / "voices")


def load_profile(spec: str = "default", search: tuple[Path, ...] = ()) -> VoiceProfile:
    """A profile by path, or by name from `search` folders, then the bundled ones."""
    path = Path(spec)
    candidates = [path] if spec.endswith(".toml") else [d / f"{spec}.toml" for d in search]
    for candidate in candidates:
        if candidate.is_file():
            return _parse_text(
                candidate.read_text(encoding="utf-8"), candidate.stem, str(candidate)
            )
    if spec.endswith(".toml"):
        raise ConfigError(f"voice profile not found: {spec}")
    bundled = bundled_profiles()
    if spec in bundled:
        return _parse_text(bundled[spec], spec, f"voices/{spec}.toml")
    names = ", ".join(sorted(bundled))
    raise ConfigError(f"unknown voice profile '{spec}' (available: {names}, or a path to a .toml)")


def _parse_text(text: str, name: str, path: str) -> VoiceProfile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_profile(data, name, path)


@dataclass(frozen=True)
class Budget:
    """How much of an article to keep; at most one field is set."""

    sentences: int | None = None
    words: int | None = None
    seconds: float | None = None
    ratio: float | None = None
    minutes: float | None = None  # total for a whole briefing

    def __post_init__(self) -> None:
        given = [(k, v) for k, v in vars(self).items() if v is not None]
        if len(given) > 1:
            raise ConfigError(f"give one budget, not {' and '.join('--' + k for k, _ in given)}")
        for key, value in given:
            if value <= 0:
                raise ConfigError(f"--{key} must be positive, got {value}")
            if key == "ratio" and value > 1:
                raise ConfigError(f"--ratio must be at most 1, got {value}")


@dataclass(frozen=True)
class Config:
    """Everything a run needs; built by the CLI or by callers of the library."""

    profile: VoiceProfile
    output_dir: Path = Path("output")
    cache_dir: Path | None = None
    use_cache: bool = True
    fallback: str | None = None
    bitrate: int = 64
    audio_format: str = "mp3"  # or "m4b", an audiobook with chapters
    workers: int = field(default_factory=lambda: os.cpu_count() or 2)
    budget: Budget = Budget()
    title: str | None = None
    loudness: float = -16.0
    progress: bool = False
    fetch: FetchOptions = field(default_factory=FetchOptions)
