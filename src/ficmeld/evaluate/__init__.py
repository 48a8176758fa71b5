"""Scoring ficmeld against annotated corpora (LitBank, REMAN)."""
