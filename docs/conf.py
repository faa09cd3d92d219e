"""Sphinx settings for the side-by-side guide (`make docs`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "To-Do List, four ways"
author = "the project's contributors"
extensions = ["myst_parser", "sphinx_design", "sphinx.ext.graphviz", "sidebyside"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "node_modules", "README.md"]
templates_path = []
html_theme = "furo"
html_title = "To-Do List, four ways"
html_static_path = ["_static"]
html_css_files = ["compare.css"]
graphviz_output_format = "svg"
# A listing that cannot be found is a warning, and `make docs` builds with -W: an error.
nitpicky = False
