"""Printable reports (Faktencheck): data collection, static HTML and PDF."""
