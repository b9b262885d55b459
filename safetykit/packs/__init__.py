"""Checklist packs: model, loading, validation, archives, signatures and trust."""
