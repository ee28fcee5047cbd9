"""Reflex states: thin adapters between events and services, holding only the viewer's projection."""
