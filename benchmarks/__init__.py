"""The room burst: kerne measured beside a naive server and a no-storage ceiling.

Run ``python -m benchmarks`` (add ``--quick`` for a short smoke run). Every server is a separate
process on 127.0.0.1, pinned to another core than the load generator where the machine allows.
"""
