"""nn-course instructor tool: build the student notebooks, grade a class, report (``nn-course``)."""

import os
import sys

# nbgrader runs its environment's `alembic` script by name whenever it opens a gradebook: put
# that environment's scripts on the PATH, so `.venv/bin/nn-course` works without activating it.
_SCRIPTS = os.path.dirname(sys.executable)
if _SCRIPTS not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join(filter(None, [_SCRIPTS, os.environ.get("PATH")]))
