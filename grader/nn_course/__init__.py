"""nn-course instructor tool: build the student notebooks, grade a class, report (``nn-course``)."""

import os
import sys
from pathlib import Path

from coursekit.language import add_catalogues

# nbgrader runs its environment's `alembic` script by name whenever it opens a gradebook: put
# that environment's scripts on the PATH, so `.venv/bin/nn-course` works without activating it.
_SCRIPTS = os.path.dirname(sys.executable)
if _SCRIPTS not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join(filter(None, [_SCRIPTS, os.environ.get("PATH")]))

# The grader's own messages (feedback pages, reports, the command's output) are translated like
# coursekit's, from nn_course/locale/<language>.po.
add_catalogues(Path(__file__).parent / "locale")
