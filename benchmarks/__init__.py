"""Benchmarks run by ``make bench``. Figures are printed, never asserted by the test suite."""
