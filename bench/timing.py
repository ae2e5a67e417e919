"""Percentiles of timed samples (seconds) in milliseconds, as every bench prints them."""

from __future__ import annotations


def ms(samples: list[float], p: float) -> float:
    """The ``p`` percentile (0.95 for p95; 1 for the max), in milliseconds."""
    ordered = sorted(samples)
    return round(ordered[max(0, int(len(ordered) * p) - 1)] * 1000, 1)


def figures(samples: list[float]) -> dict:
    return {"p50": ms(samples, 0.5), "p95": ms(samples, 0.95), "max": ms(samples, 1)}
