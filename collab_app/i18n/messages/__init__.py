"""One module per area, each defining ``MESSAGES = {key: (english, french)}``."""
