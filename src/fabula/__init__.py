"""fabula: read a story and give back the world it tells."""

from fabula.errors import FabulaError, InputError
from fabula.model import Analysis, Story
from fabula.pipeline import analyse, read

__version__ = "0.1.0"

__all__ = ["Analysis", "FabulaError", "InputError", "Story", "analyse", "read", "__version__"]
