"""The action plan: what goes in it (content), its chart, and the HTML renderer."""
