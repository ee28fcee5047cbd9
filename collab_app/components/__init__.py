"""Reusable UI pieces taking Vars."""
