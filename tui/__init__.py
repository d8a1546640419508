"""newsreader: a terminal news reader that shows who an article names and the tariffs it reports."""

__version__ = "0.1.0"
