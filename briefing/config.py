"""Run settings (`Config`, `Budget`) and voice profiles read from TOML.

A profile maps the roles to engines and voices and sets the show's pauses and sounds. Profiles
inherit the bundled `default` unless they say `inherits = false`, so a profile of two lines
keeps the default lexicon, chime and pauses.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, get_args

from .errors import ConfigError
from .fetch import FetchOptions
from .models import RoleName
from .speech import ENGINES, engine_info

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROLES: tuple[RoleName, ...] = get_args(RoleName)
#: Length of the chime that opens and closes a briefing when a profile asks for it.
JINGLE_SECONDS = 0.66
BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)


@dataclass(frozen=True)
class Role:
    """How one role speaks: engine, voice and delivery. An empty voice is the engine's own."""

    engine: str = "piper"
    voice: str = ""
    speed: float = 1.0
    noise_scale: float | None = None
    noise_w: float | None = None
    #: hibari: the voice's pitch and formants scaled (0.6 and 0.85 make a lower, darker voice).
    pitch: float = 1.0
    formant: float = 1.0
    pause_before: float = 0.2
    pause_after: float = 0.4
    lang: str = "en"
    tld: str = "com"

    def __post_init__(self) -> None:
        if not self.voice:
            object.__setattr__(self, "voice", engine_info(self.engine).default_voice)

    def settings(self) -> tuple[Any, ...]:
        """What changes a rendered sentence (all but the pauses around it), for cache keys."""
        return tuple(getattr(self, f.name) for f in fields(self) if not f.name.startswith("pause_"))


@dataclass(frozen=True)
class VoiceProfile:
    name: str
    path: str
    roles: dict[str, Role]
    lexicon: dict[str, str] = field(default_factory=dict)
    show: str = "Briefing"
    author: str = "briefing"
    language: str = "en"
    sentence_pause: float = 0.28
    chapter_pause: float = 1.0
    jingle: bool = False
    music_bed: bool = False

    def role(self, name: str) -> Role:
        return self.roles[name]

    def with_engine(self, engine: str) -> VoiceProfile:
        """The same profile with every role on one engine (and its own voice)."""
        engine_info(engine)
        return replace(
            self,
            roles={
                k: r if r.engine == engine else replace(r, engine=engine, voice="")
                for k, r in self.roles.items()
            },
        )


# --- reading profiles ------------------------------------------------------------------------

_ROLE_KEYS = {f.name for f in fields(Role)}
_SHOW_KEYS: dict[str, tuple[str, Any]] = {
    "name": ("show", str),
    "author": ("author", str),
    "language": ("language", str),
    "sentence_pause": ("sentence_pause", (0.0, 5.0)),
    "chapter_pause": ("chapter_pause", (0.0, 10.0)),
    "jingle": ("jingle", bool),
    "music_bed": ("music_bed", bool),
}


def _number(value: Any, where: str, *, low: float = 0.0, high: float = 1e9) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"{where}: expected a number, got {value!r}")
    if not low <= value <= high:
        raise ConfigError(f"{where}: {value} is outside {low}..{high}")
    return float(value)


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table")
    return value


def _role(raw: dict[str, Any], where: str, folder: Path) -> Role:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        at = f"{where}.{key}"
        if key not in _ROLE_KEYS:
            raise ConfigError(f"unknown key '{at}'")
        if key == "engine":
            if value not in ENGINES:
                raise ConfigError(f"{at}: unknown engine {value!r} ({', '.join(ENGINES)})")
            values[key] = value
        elif key in ("voice", "lang", "tld"):
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{at}: expected a non-empty string")
            values[key] = value
        elif key == "speed":
            values[key] = _number(value, at, low=0.25, high=4.0)
        elif key in ("noise_scale", "noise_w"):
            values[key] = _number(value, at, high=2.0)
        elif key in ("pitch", "formant"):
            values[key] = _number(value, at, low=0.5, high=2.0)
        else:
            values[key] = _number(value, at, high=10.0)
    voice = values.get("voice", "")
    if voice.endswith(".onnx") and not Path(voice).is_absolute():
        values["voice"] = str((folder / voice).resolve())
    return Role(**values)


def _show(raw: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _SHOW_KEYS:
            raise ConfigError(f"unknown key 'show.{key}'")
        attribute, kind = _SHOW_KEYS[key]
        if isinstance(kind, tuple):
            values[attribute] = _number(value, f"show.{key}", low=kind[0], high=kind[1])
        elif kind is bool and not isinstance(value, bool):
            raise ConfigError(f"show.{key}: expected true or false")
        elif kind is str and not (isinstance(value, str) and value.strip()):
            raise ConfigError(f"show.{key}: expected text")
        else:
            values[attribute] = value
    return values


def parse_profile(data: dict[str, Any], name: str, path: str) -> VoiceProfile:
    """A profile from its (merged) TOML table; errors name the file and the key."""
    try:
        unknown = set(data) - {"show", "roles", "lexicon", "inherits"}
        if unknown:
            raise ConfigError(f"unknown key '{sorted(unknown)[0]}'")
        roles: dict[str, Role] = {}
        for role_name, raw in _table(data.get("roles", {}), "'roles'").items():
            if role_name not in ROLES:
                raise ConfigError(f"unknown role 'roles.{role_name}' (roles: {', '.join(ROLES)})")
            roles[role_name] = _role(
                _table(raw, f"'roles.{role_name}'"), f"roles.{role_name}", Path(path).parent
            )
        for role_name in ROLES:
            roles.setdefault(role_name, roles.get("narrator", Role()))
        lexicon = data.get("lexicon", {})
        if not isinstance(lexicon, dict) or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in lexicon.items()
        ):
            raise ConfigError("'lexicon' must map words to spoken forms (strings)")
        show = _show(_table(data.get("show", {}), "'show'"))
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return VoiceProfile(name=name, path=path, roles=roles, lexicon=dict(lexicon), **show)


def _merge(parent: dict[str, Any], child: dict[str, Any], path: str) -> dict[str, Any]:
    """A child profile's tables over its parent's; a role that changes engine starts afresh."""
    merged = {**parent, **child}
    for key in ("show", "lexicon"):
        merged[key] = {**parent.get(key, {}), **_table(child.get(key, {}), f"{path}: '{key}'")}
    roles = dict(parent.get("roles", {}))
    for role_name, table in _table(child.get("roles", {}), f"{path}: 'roles'").items():
        base = dict(roles.get(role_name, {}))
        table = _table(table, f"{path}: 'roles.{role_name}'")
        if "engine" in table and table["engine"] != base.get("engine", Role.engine):
            base = {k: v for k, v in base.items() if k in ("pause_before", "pause_after")}
        roles[role_name] = {**base, **table}
    merged["roles"] = roles
    return merged


def bundled_profiles() -> dict[str, str]:
    """Profiles shipped with the package: name -> TOML text."""
    folder = resources.files("briefing") / "profiles"
    return {
        p.name[:-5]: p.read_text(encoding="utf-8")
        for p in folder.iterdir()
        if p.name.endswith(".toml")
    }


def profile_folders() -> tuple[Path, ...]:
    """Where profiles are looked up by name: ./voices, then the user's config folder."""
    from platformdirs import user_config_dir

    return (Path("voices"), Path(user_config_dir("briefing")) / "voices")


def available_profiles(search: tuple[Path, ...]) -> list[str]:
    names = set(bundled_profiles())
    for folder in search:
        if folder.is_dir():
            names |= {p.stem for p in folder.glob("*.toml")}
    return sorted(names)


def _read_toml(text: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _profile_source(spec: str, search: tuple[Path, ...]) -> tuple[dict[str, Any], str, str]:
    """(TOML table, name, path) of a profile by path or name."""
    candidates = [Path(spec)] if spec.endswith(".toml") else [d / f"{spec}.toml" for d in search]
    for candidate in candidates:
        if candidate.is_file():
            try:
                text = candidate.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise ConfigError(f"{candidate}: not text in UTF-8") from None
            except OSError as exc:
                raise ConfigError(f"cannot read {candidate}: {exc.strerror}") from None
            return _read_toml(text, str(candidate)), candidate.stem, str(candidate)
    if spec.endswith(".toml"):
        raise ConfigError(f"voice profile not found: {spec}")
    bundled = bundled_profiles()
    if spec in bundled:
        return _read_toml(bundled[spec], f"profiles/{spec}.toml"), spec, f"profiles/{spec}.toml"
    names = ", ".join(available_profiles(search))
    raise ConfigError(f"unknown voice profile '{spec}' (available: {names}, or a path to a .toml)")


def _profile_table(
    spec: str, search: tuple[Path, ...], depth: int = 0
) -> tuple[dict[str, Any], str, str]:
    """A profile's TOML table merged over the tables of the profiles it inherits."""
    data, name, path = _profile_source(spec, search)
    bundled_default = path == "profiles/default.toml"
    parent = data.get("inherits", False if bundled_default else "default")
    if parent is False:
        return data, name, path
    if not isinstance(parent, str) or not parent:
        raise ConfigError(f"{path}: 'inherits' must be a profile name, a path, or false")
    if depth > 8:
        raise ConfigError(f"{path}: profiles inherit in a circle")
    if parent.endswith(".toml") and not Path(parent).is_absolute():
        parent = str(Path(path).parent / parent)
    # A user's own "default" builds on the bundled one of that name.
    base, _, _ = _profile_table(parent, () if parent == name else search, depth + 1)
    return _merge(base, data, path), name, path


def load_profile(spec: str = "default", search: tuple[Path, ...] = ()) -> VoiceProfile:
    """A profile by path, or by name from `search` folders, then the bundled ones."""
    data, name, path = _profile_table(spec, search)
    data.pop("inherits", None)
    return parse_profile(data, name, path)


# --- run settings ----------------------------------------------------------------------------


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
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"--{key} must be a number, got {value!r}")
            if not math.isfinite(value) or value <= 0:
                raise ConfigError(f"--{key} must be a positive number, got {value}")
            if key == "ratio" and value > 1:
                raise ConfigError(f"--ratio must be at most 1, got {value}")
            if key in ("minutes", "seconds") and value > (600 if key == "minutes" else 36000):
                raise ConfigError(f"--{key} {value} is more than ten hours")
            if key in ("sentences", "words") and value > 1_000_000:
                raise ConfigError(f"--{key} {value} is more than any article holds")

    @property
    def given(self) -> bool:
        return any(v is not None for v in vars(self).values())


@dataclass(frozen=True)
class Config:
    """Everything a run needs; built by the CLI or by callers of the library."""

    profile: VoiceProfile
    output_dir: Path = Path("output")
    cache_dir: Path | None = None
    use_cache: bool = True
    fallback: str | None = None
    bitrate: int = 64
    audio_format: str | None = None  # "mp3" or "m4b"; None: from the output's suffix, else mp3
    workers: int = field(default_factory=lambda: os.cpu_count() or 2)
    budget: Budget = Budget()
    title: str | None = None
    loudness: float = -16.0
    fetch: FetchOptions = field(default_factory=FetchOptions)

    def __post_init__(self) -> None:
        if self.title is not None:
            from .text import clean_line

            object.__setattr__(self, "title", clean_line(self.title) or None)
        if self.bitrate not in BITRATES:
            raise ConfigError(
                f"bitrate {self.bitrate} kbit/s is not an MP3 bitrate "
                f"({', '.join(map(str, BITRATES))})"
            )
