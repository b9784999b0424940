"""nbgrader configuration: this folder (grader/) is the course root.

The instructor notebooks in ../solutions are nbgrader's source; the student versions are
generated into ../course (the release). Runtime data (gradebook.db, submitted/, autograded/,
feedback/) lives here and is git-ignored. nbgrader reads this file from the current directory:
run nbgrader from grader/, or use the `nn-course` command, which does it for you.
"""

import atexit
import os
import shutil
import tempfile

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "nn-course"
c.CourseDirectory.source_directory = "../solutions"
c.CourseDirectory.release_directory = "../course"

# The gradebook: SQLite in this folder (gradebook.db) unless NN_COURSE_DB_URL names another
# database, e.g. PostgreSQL for a large course (grader/README.md). The variable keeps passwords out
# of this file; `c.CourseDirectory.db_url = "postgresql+psycopg2://..."` here works too.
if os.environ.get("NN_COURSE_DB_URL"):
    c.CourseDirectory.db_url = os.environ["NN_COURSE_DB_URL"]

# Student stubs: the solution region becomes this comment; the line after "### END SOLUTION"
# raises NotImplementedError("Implement <name>").
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A deleted or retyped test cell is restored from the gradebook instead of keeping a stale score.
c.OverwriteCells.add_missing_cells = True

# A notebook of more than 1000 cells is not graded (each cell costs time and feedback room). Cells
# keep the course's nbgrader metadata whatever the submission says: a cell whose grade_id
# this notebook does not have (copied from another notebook, a renamed notebook) becomes a plain
# student cell, and tampered flags are restored, instead of crashing nbgrader. Then the text the
# student wrote (markdown, raw cells) becomes escaped plain text, cut to size, so neither the
# formgrader nor the feedback page renders it as HTML or maths (nn_course.sanitize).
c.Autograde.sanitize_preprocessors = [
    "nn_course.sanitize.LimitCells",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nn_course.sanitize.RestoreCourseMetadata",
    "nbgrader.preprocessors.OverwriteCells",
    "nn_course.sanitize.StudentTextAsText",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Autograding runs the student's cells in a sandboxed kernel and the tests in the grader's own
# process, which calls the student's functions with each case's data and judges what they return
# (nn_course.execute, nn_course.judge, nn_course.sandbox); faults cost only what they break.
c.Autograde.autograde_preprocessors = [
    "nn_course.execute.GradingExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Feedback never shows hidden tests (their source is cleared; the grader's messages never quote
# it), shows the student's code cut to size, lists the exercises by name with each failure's
# message, and needs no network (maths as MathML; see nn_course.feedback).
c.GenerateFeedback.exporter_class = "nn_course.feedback.FeedbackExporter"
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nn_course.feedback.ExerciseSummary",
    "nn_course.feedback.StudentWorkCut",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# `nbgrader collect` (and the formgrader's Collect) takes a submission only from the student whose
# name it carries: nbgrader's exchange trusts the folder name (nn_course.exchange).
if os.name == "posix":
    c.ExchangeFactory.collect = "nn_course.exchange.OwnerCheckedCollect"

# Grading kernels talk over Unix sockets in a private folder instead of TCP on localhost (no
# plain-text traffic other local users could reach, and no warning from ipykernel about it).
if os.name == "posix":
    sockets = tempfile.mkdtemp(prefix=f"nn-course-{os.getuid()}-")  # new, 0700: not plantable
    atexit.register(shutil.rmtree, sockets, ignore_errors=True)
    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = os.path.join(sockets, "kernel")
