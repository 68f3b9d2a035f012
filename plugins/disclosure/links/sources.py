"""Where an editor wrote a broken link: directory.yml, a Markdown file, or a template; None when unknown."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..catalogue.model import Catalogue, Entry
from ..html_attrs import line_col, url_attributes
from ..markdown_links import source_links
from ..problems import display_path
from ..safe_read import UnreadableFile, read_regular

MAX_SOURCE_BYTES = 16 << 20
PACKAGE_TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates")


@dataclass
class Project:
    docs_dir: str
    prefix: str = "gkml"
    catalogue: Catalogue | None = None
    template_dirs: list[str] = field(default_factory=lambda: [PACKAGE_TEMPLATES])
    site_url: str | None = None


class SourceLocator:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.prefix = project.prefix.strip("/")
        entries = project.catalogue.entries if project.catalogue else ()
        self.by_slug: dict[str, Entry] = {e.slug: e for e in entries}
        self.texts: dict[str, str] = {}
        self.targets: dict[str, list[tuple[str, int]]] = {}  # Markdown path → (decoded target, line)

    def locate(self, page: str, url: str, target_path: str | None) -> str | None:
        """`target_path`: the decoded site path the link resolved to, when internal."""
        entry = self._entry_of(page)
        if entry is not None:
            return self._in_entry(entry, url, target_path)
        for markdown in markdown_candidates(page):
            found = self._search(os.path.join(self.project.docs_dir, markdown), url_forms(url))
            if found:
                return found
        return self._in_templates(url)

    def _entry_of(self, page: str) -> Entry | None:
        parts = page.split("/")
        if len(parts) == 3 and parts[0] == self.prefix and parts[2] == "index.html":
            return self.by_slug.get(parts[1])
        return None

    def _in_entry(self, entry: Entry, url: str, target_path: str | None) -> str | None:
        if entry.link is not None and url == entry.link:
            pos = entry.pos_of("link")
            return f"{pos.file}:{pos.line}"
        for attachment in entry.attachments:
            if target_path is not None and target_path == attachment.file:
                return f"{attachment.pos.file}:{attachment.pos.line}"
        if entry.body:
            found = self._search(os.path.join(self.project.docs_dir, entry.body), url_forms(url))
            if found:
                return found
        return self._in_templates(url)

    def _in_templates(self, url: str) -> str | None:
        if len(url.strip("./#")) < 4:  # "../", "#" … appear everywhere: no meaningful match
            return None
        for directory in self.project.template_dirs:
            for root, _, names in sorted(os.walk(directory)):
                for name in sorted(names):
                    if name.endswith(".html"):
                        found = self._in_template(os.path.join(root, name), url)
                        if found:
                            return found
        return None

    def _in_template(self, path: str, url: str) -> str | None:
        """The line of the first URL attribute (read by the HTML tokenizer) that holds `url`."""
        text = self._read(path)
        for attribute in url_attributes(text):
            if url in attribute.value:
                return f"{display_path(path)}:{line_col(text, attribute.start)[0]}"
        return None

    def _search(self, path: str, forms: list[str]) -> str | None:
        """The line of the first link written in a Markdown file whose target is one of `forms`
        (whole path segments: MkDocs may have prefixed `../`)."""
        if path not in self.targets:
            self.targets[path] = [(unquote(link.target), link.line) for link in source_links(self._read(path))]
        wanted = [unquote(form) for form in forms if form]
        for target, line in self.targets[path]:
            if any(target == form or target.endswith("/" + form) for form in wanted):
                return f"{display_path(path)}:{line}"
        return None

    def _read(self, path: str) -> str:
        if path not in self.texts:
            try:
                self.texts[path] = read_regular(path, MAX_SOURCE_BYTES).decode("utf-8-sig", errors="replace")
            except UnreadableFile:
                self.texts[path] = ""
        return self.texts[path]


def markdown_candidates(page: str) -> list[str]:
    """Markdown files (relative to docs_dir) that MkDocs may have rendered into `page`."""
    if page.endswith("/index.html") or page == "index.html":
        folder = page[: -len("index.html")].rstrip("/")
        if not folder:
            return ["index.md", "README.md"]
        return [folder + ".md", folder + "/index.md", folder + "/README.md"]
    if page.endswith(".html"):
        return [page[: -len(".html")] + ".md"]
    return []


def url_forms(url: str) -> list[str]:
    """The URL as written, decoded, and the Markdown (.md) forms MkDocs rewrites into it; longest first."""
    try:
        split = urlsplit(url)
    except ValueError:  # "http://[x/": only the URL as written
        return [url]
    fragment = f"#{split.fragment}" if split.fragment else ""
    forms = [url, unquote(url)]
    path = split.path
    if path and not split.scheme:
        stem = path.rstrip("/")
        name = posixpath.basename(stem)
        if path.endswith("/") and name not in ("", ".", ".."):
            forms += [f"{name}.md{fragment}", f"{name}/index.md{fragment}", f"{name}.md", f"{name}/"]
        elif name.endswith(".html"):
            forms += [f"{name[:-5]}.md{fragment}", f"{name[:-5]}.md"]
        elif name not in ("", ".", ".."):
            forms += [f"{name}{fragment}", name]
    return [f for f in dict.fromkeys(forms + [unquote(f) for f in forms]) if f]
