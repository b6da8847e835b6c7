"""The case dataset: schema and migrations, writes, read views that apply corrections, exports."""
