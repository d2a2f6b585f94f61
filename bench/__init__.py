"""The corpus benchmark (``python -m bench``): figures, never part of the test run."""
