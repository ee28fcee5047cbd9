"""Reflex states: thin adapters between events and services, holding the viewer's projection."""
