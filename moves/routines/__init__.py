"""Routines: sequences of library moves with holds, reps, sides and rests, played as one
follow-along session. Content lives in moves/routines/<slug>.yaml beside these modules."""
