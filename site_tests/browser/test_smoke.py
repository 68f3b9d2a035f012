"""The column home opens in Chromium and shows the category tree."""


def test_column_home_in_browser(page, build_site):
    from conftest import serve

    built = build_site()
    url, server = serve(built.site)
    try:
        page.goto(url + "gkml/")
        assert page.locator("h1").first.inner_text() == "政府信息公开目录"
        assert page.get_by_role("link", name="规范性文件").count() >= 1
    finally:
        server.shutdown()
