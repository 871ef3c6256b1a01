"""briefing: news articles to a spoken, podcast-style MP3 briefing, offline."""

__version__ = "0.1.0"
