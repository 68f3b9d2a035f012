"""The catalogue (directory.yml): loading with positions, validation, typed model."""

from .model import Agency, Attachment, Catalogue, Category, Entry, Pos
from .validate import load_catalogue

__all__ = ["Agency", "Attachment", "Catalogue", "Category", "Entry", "Pos", "load_catalogue"]
