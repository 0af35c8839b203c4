"""Connectors that put articles on the input topic: RSS/Atom feeds and files."""
