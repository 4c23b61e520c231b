"""CKAN without Solr, for the publishing tests (see plugin.py)."""
