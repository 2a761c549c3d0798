"""Batch runs: every core (or a Dask cluster), streaming into OUTDIR/records.jsonl, resumable (pipeline.batch.run)."""
