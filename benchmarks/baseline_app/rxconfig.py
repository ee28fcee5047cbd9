"""The framework's floor: a minimal Reflex app with one counter event (``benchmarks/README.md``).

Same plugins as collab_app (Radix themes, no sitemap) so both builds load the same UI runtime.
"""

import reflex as rx

config = rx.Config(
    app_name="baseline_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="teal", radius="medium"))],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
