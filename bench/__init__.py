"""``make bench``: per-call overhead, loopback throughput, import time and memory of polo_smartorders.

Run ``python -m bench`` (writes bench/RESULTS.md) or ``python -m bench --smoke`` (tiny counts, writes to a temp path).
"""
