"""What the desktop screens show and do, without Qt (DESIGN §12: pages are passive).

Each module builds the view one screen renders, or holds the state of one flow
(onboarding, unlock, the guided checklist), so the logic is tested with plain pytest
and the pages in ``safetykit/app/`` only draw it and report what the user did.
"""
