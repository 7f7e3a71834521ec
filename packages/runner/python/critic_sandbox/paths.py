"""Where the submission is: /submission in the sandbox (the folder itself when run unsandboxed)."""

SUBMISSION = "/submission"


def submission():
    return SUBMISSION


def set_submission(path):
    global SUBMISSION
    SUBMISSION = path.rstrip("/") or "/"
