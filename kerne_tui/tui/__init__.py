"""The projected screen (Textual): never imports the web package; the CLI wires them together."""
