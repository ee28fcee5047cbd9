"""Test and benchmark support shared by ``tests/`` and ``benchmarks/``: a Python browser tab
(:mod:`testkit.reflex_ws`), the served app's helpers (:mod:`testkit.served`), a TCP proxy that
adds latency or cuts the line (:mod:`testkit.tcp_proxy`) and the database fixtures
(:mod:`testkit.db`, loaded as a pytest plugin by ``pyproject.toml``).
"""
