"""One module per route (or per area's routes): page function and its ``on_load``."""
