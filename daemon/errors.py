"""The errors sahelwatch raises, under one base.

SahelwatchError
├── ConfigError          bad configuration: unknown key, wrong type, bad URL (fatal at start-up)
├── FeedError            one feed could not be read (logged with the feed, the others go on)
│   ├── FetchError       network failure, HTTP error status, body too large
│   │   └── HTTPStatusError  the server answered with an error status (with its Retry-After)
│   └── FeedParseError   the body is not a feed
├── ExtractionError      one article could not be processed (logged, left for the next cycle)
├── PublishError         events could not be delivered (nothing is recorded as done)
│   └── BrokerUnavailableError  no broker answered
└── InputError           a malformed line or record given to an offline command
"""

from __future__ import annotations


class SahelwatchError(Exception):
    """Base of every error sahelwatch raises on purpose."""


class ConfigError(SahelwatchError):
    """The configuration is invalid; `problems` lists each one with its key and source."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"invalid configuration ({source}):\n{lines}")


class FeedError(SahelwatchError):
    """A feed could not be read this cycle."""


class FetchError(FeedError):
    """The feed could not be fetched: network failure, HTTP error, oversized body."""


class HTTPStatusError(FetchError):
    """The server answered with an error status; `retry_after` is its delay in seconds, if any."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class FeedParseError(FeedError):
    """The fetched body is not a usable feed."""


class ExtractionError(SahelwatchError):
    """An article could not be run through extraction."""


class PublishError(SahelwatchError):
    """Events could not be delivered to the broker."""


class BrokerUnavailableError(PublishError):
    """No broker answered at the configured bootstrap servers."""


class InputError(SahelwatchError):
    """A malformed input record given to an offline command."""
