"""Reports: JSON result (versioned schema), HTML and Excel; written atomically."""
