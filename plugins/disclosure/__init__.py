"""MkDocs plugin and command line for government information-disclosure columns."""
