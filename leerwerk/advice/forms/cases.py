"""SKELETON: to be written (see the brief)."""

