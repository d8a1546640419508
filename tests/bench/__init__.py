"""Benchmarks (issue 8): tests/bench/run.sh runs them; pytest collects none (no test_*)."""
