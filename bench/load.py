"""Shared by the throughput benchmarks: run worker threads together and time them."""
import time


def run_threads(threads):
    """Starts every thread, waits for all; returns the elapsed wall time in seconds."""
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started
