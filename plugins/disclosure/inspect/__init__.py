"""`disclosure inspect`: the self-inspection (自查) against 《政府网站与政务新媒体检查指标》 as far as the
repository and the built site can decide it. One module per concern: settings (mkdocs.yml), findings
(the indicators), freshness / entries / site (the rules), formats and workbook (the outputs), cli."""
