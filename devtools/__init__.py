"""Developer tools, outside the product: docs generation and the benchmark."""
