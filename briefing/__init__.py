"""briefing: news articles to a spoken, podcast-style MP3 briefing, offline.

The public API, for scripts and other programs (the `briefing` command is a thin shell over
it)::

    from briefing import Config, load_profile, make

    episode = make(["story.html"], Config(profile=load_profile("default")))

Names are imported on first use, so `import briefing` (and `briefing --help`) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

_EXPORTS = {
    "make": "pipeline",
    "plan": "pipeline",
    "read_article": "pipeline",
    "summarize_article": "summarize",
    "spoken": "normalize",
    "update_feed": "podcast",
    "make_server": "server",
    "Config": "config",
    "Budget": "config",
    "load_profile": "config",
    "BriefingError": "errors",
    "Article": "models",
    "Script": "models",
    "Episode": "models",
}

if TYPE_CHECKING:
    from .config import Budget, Config, load_profile
    from .errors import BriefingError
    from .models import Article, Episode, Script
    from .normalize import spoken
    from .pipeline import make, plan, read_article
    from .podcast import update_feed
    from .server import make_server
    from .summarize import summarize_article

__all__ = [
    "Article",
    "BriefingError",
    "Budget",
    "Config",
    "Episode",
    "Script",
    "load_profile",
    "make",
    "make_server",
    "plan",
    "read_article",
    "spoken",
    "summarize_article",
    "update_feed",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
