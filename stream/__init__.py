"""conflict-alerts: real-time conflict alerts from streams of news articles."""

__version__ = "0.1.0"
