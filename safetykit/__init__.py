"""SafetyKit: offline privacy and safety checklists with an encrypted local vault."""

__version__ = "0.1.0"
APP_NAME = "SafetyKit"
