"""The operator's tools: `bandcrew up` (the whole crew on one machine) and the CLI."""
