"""Command-line subcommands. Each module registers one group with argparse.

Modules here must not import PySide6, and import heavy modules inside their handlers,
so that ``--help`` stays fast and works without a display.
"""
