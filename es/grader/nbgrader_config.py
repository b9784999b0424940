"""nbgrader configuration of the Spanish edition: this folder (es/grader/) is its course root.

Every setting is the English course's (../../grader/nbgrader_config.py) but these: the Spanish
instructor notebooks in ../solutions are nbgrader's source, built by `nn-course build --language
es` from the English ones (../../solutions) and the catalogues in ../locale; the student versions
go to ../course. A Spanish class is graded here, with its own gradebook and runtime data.
"""

import os

load_subconfig("../../grader/nbgrader_config.py")  # noqa: F821 - provided by traitlets

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "nn-course-es"
c.CourseDirectory.source_directory = "../solutions"
c.CourseDirectory.release_directory = "../course"

# A Spanish class has a gradebook of its own, never the English course's database (the two share
# assignment names): SQLite in this folder unless NN_COURSE_ES_DB_URL names another database.
c.CourseDirectory.pop("db_url", None)
if os.environ.get("NN_COURSE_ES_DB_URL"):
    c.CourseDirectory.db_url = os.environ["NN_COURSE_ES_DB_URL"]

c.NnCourse.language = "es"  # of the notebooks, coursekit's messages, feedback and reports
c.NnCourse.english_root = "../../grader"  # the course whose notebooks are translated
