"""The exceptions fabula raises; the command line turns them into one-line messages."""


class FabulaError(Exception):
    """Base of every error fabula raises on purpose."""


class InputError(FabulaError):
    """The input cannot be read as a story: the message says what is wrong and what to do."""


class ConfigError(FabulaError):
    """The installation is incomplete (a missing model or optional extra)."""
