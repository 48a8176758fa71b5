"""Writers for an analysis: JSON, the HTML report, Parquet tables."""
