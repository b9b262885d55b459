"""Assessment: profile, applicability, answers, scoring, priorities, history."""
