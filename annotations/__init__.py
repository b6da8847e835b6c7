"""Gold labels and corrections: formats, loading, scoring against them."""
