"""What the tests and the benchmarks share: a ``streamlit run app.py`` server on a free port
(server.py), Debian's Chromium through Playwright (browser.py), the app under Streamlit's AppTest
(apptest.py), pytest marks for what a run needs (marks.py), tiny random translators
(translators.py) and process facts (procs.py). Imported as ``support.*`` from the repository
root: pytest puts it on the path (pyproject.toml), benchmarks run as ``python -m benchmarks.X``.
"""
