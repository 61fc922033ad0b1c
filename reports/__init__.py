"""The document templates an office may edit, installed as `wzdesk.reports` (read via wzdesk.resources)."""
