"""The embedded sample corpus: fictional federal filings with their known truth."""
