"""Evaluation against gold files with the reference scorer's rules (scores)."""
