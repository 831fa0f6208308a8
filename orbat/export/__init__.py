"""orbat.export: one module per output format; ``registry.EXPORTERS`` maps --format to a writer."""
