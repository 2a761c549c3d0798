"""Outputs derived from records: query tables (tables), the people directory (directory), terminal and HTML views
(show)."""
