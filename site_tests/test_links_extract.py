"""links/extract.py: every link-bearing attribute, ids and <a name>, each page parsed with selectolax."""

from __future__ import annotations

from disclosure.links.extract import parse_html, parse_srcset

PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url='../moved/'">
<link rel="stylesheet" href="style.css"><link rel="preconnect" href="https://fonts.example">
<script src="app.js"></script><script>var a = '<a href="not-a-link.html">';</script>
</head><body id="top-body">
<a href="a.html">a</a><a name="old-anchor">named</a><a>no href</a>
<map><area href="area.html"></map>
<img src="i.png" srcset="i-1x.png 1x, i-2x.png 2x">
<picture><source srcset="s.webp 100w,s2.webp 200w" src="s.png"></picture>
<iframe src="frame.html"></iframe><object data="doc.pdf"></object>
<video src="v.mp4" poster="poster.jpg"></video><audio src="a.mp3"></audio>
<h2 id="第一章">第一章</h2><p id="">empty id</p>
<!-- <a href="commented.html"> -->
<a href=" spaced.html ">x</a><a href="q.html?x=1&amp;y=2">entity</a>
</body></html>"""


def urls(page) -> list[tuple[str, str, str]]:
    return [(link.tag, link.attr, link.url) for link in page.links]


def test_every_link_bearing_attribute_is_found():
    found = urls(parse_html("p.html", PAGE))
    expected = {
        ("meta", "content", "../moved/"), ("link", "href", "style.css"), ("script", "src", "app.js"),
        ("a", "href", "a.html"), ("area", "href", "area.html"), ("img", "src", "i.png"),
        ("img", "srcset", "i-1x.png"), ("img", "srcset", "i-2x.png"), ("source", "src", "s.png"),
        ("source", "srcset", "s.webp"), ("source", "srcset", "s2.webp"), ("iframe", "src", "frame.html"),
        ("object", "data", "doc.pdf"), ("video", "src", "v.mp4"), ("video", "poster", "poster.jpg"),
        ("audio", "src", "a.mp3"), ("a", "href", "spaced.html"), ("a", "href", "q.html?x=1&y=2"),
    }
    assert set(found) == expected
    assert len(found) == len(expected)


def test_scripts_comments_and_preconnect_are_not_links():
    found = {url for _, _, url in urls(parse_html("p.html", PAGE))}
    assert "not-a-link.html" not in found
    assert "commented.html" not in found
    assert "https://fonts.example" not in found


def test_ids_and_names_are_collected():
    page = parse_html("p.html", PAGE)
    assert page.anchors == {"top-body", "old-anchor", "第一章"}


def test_srcset_candidates():
    assert parse_srcset("a.png 1x, b.png 2x,c.png") == ["a.png", "b.png", "c.png"]
    assert parse_srcset("  ") == []


def test_meta_refresh_forms():
    def refresh(content: str) -> list[str]:
        return [link.url for link in parse_html("p.html", f'<meta http-equiv="Refresh" content="{content}">').links]

    assert refresh("5;URL=next.html") == ["next.html"]
    assert refresh("0; url=next.html") == ["next.html"]
    assert refresh("10") == []
