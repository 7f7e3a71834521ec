"""The grader side of the Python sandbox child (see ../child.py); never the submission's namespace."""
