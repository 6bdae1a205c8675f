"""Speed and memory targets, measured on the real site (`make bench`), not in timed tests."""
