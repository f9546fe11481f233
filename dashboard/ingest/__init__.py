"""Reading and validating input files (imports)."""
