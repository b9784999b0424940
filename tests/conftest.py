"""Session-wide settings for the whole suite."""

import os
import tempfile


def pytest_configure(config):
    # Every scratch course of this session shares one cache of trusted expectations (each file
    # is named after the solution notebook and coursekit it was computed from), so the solutions
    # run once per session instead of once per scratch course.
    os.environ.setdefault("NN_COURSE_EXPECTED_CACHE",
                          tempfile.mkdtemp(prefix="nn-course-expected-"))
