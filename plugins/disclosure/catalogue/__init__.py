"""The catalogue (directory.yml and the files it includes): validation, typed model, field registry."""

from ..problems import Pos
from .model import Agency, Attachment, Catalogue, Category, Entry
from .validate import Loaded, load_catalogue, read_catalogue

__all__ = ["Agency", "Attachment", "Catalogue", "Category", "Entry", "Loaded", "Pos", "load_catalogue", "read_catalogue"]
