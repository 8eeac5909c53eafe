"""Hospital portfolios against the sector targets (see docs/portfolio.md)."""
