"""Leerwerk: one place where a labour-market region's residents, employers, providers
and advisers find training, advice and work. One Django app per domain noun."""
