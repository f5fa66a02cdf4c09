"""evalcorpus: a research tool for Chinese budget-performance self-evaluation reports."""

__version__ = "0.1.0"
