"""Catalog parts kept beside the areas that use them; :mod:`kerne_tui.catalog` merges them."""
