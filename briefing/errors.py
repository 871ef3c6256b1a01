"""Errors of every stage, each with the exit status the CLI gives it."""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error the tool reports to a user as one line."""

    #: 2 for bad usage or bad input, 1 for a failure while working.
    exit_code = 2


class ConfigError(BriefingError):
    """A bad option, voice profile or job file."""


class IngestError(BriefingError):
    """The source cannot be read or holds no article."""


class NoNewStories(IngestError):
    """A feed holds nothing not briefed before: for a daily job, not a failure."""

    exit_code = 0


class NetworkError(IngestError):
    """A URL or online service could not be reached."""

    exit_code = 1


class SegmentError(BriefingError):
    """The text holds no article body."""


class SummarizeError(BriefingError):
    """No summary can be made within the budget."""


class ScriptError(BriefingError):
    """The script cannot be built."""


class SpeechError(BriefingError):
    """An engine failed while rendering."""

    exit_code = 1


class AssembleError(BriefingError):
    """Stitching, encoding or tagging the episode failed."""

    exit_code = 1


class PublishError(BriefingError):
    """The feed or the server failed."""

    exit_code = 1


class EngineUnavailable(SpeechError):
    """An online engine cannot be reached; a fallback engine may take over."""


class InternalError(BriefingError):
    """A fault of the tool itself, not of its input: reported in one line all the same."""

    exit_code = 1
