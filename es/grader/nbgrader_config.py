"""nbgrader configuration of the Spanish edition: this folder (es/grader/) is its course root.

Every setting is the English course's (../../grader/nbgrader_config.py) but these: the Spanish
instructor notebooks in ../solutions are nbgrader's source, built by `nn-course build --language
es` from the English ones (../../solutions) and the catalogues in ../locale; the student versions
go to ../course. A Spanish class is graded here, with its own gradebook and runtime data.
"""

load_subconfig("../../grader/nbgrader_config.py")  # noqa: F821 - provided by traitlets

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "nn-course-es"
c.CourseDirectory.source_directory = "../solutions"
c.CourseDirectory.release_directory = "../course"

c.NnCourse.language = "es"  # of the notebooks, coursekit's messages, feedback and reports
c.NnCourse.english_root = "../../grader"  # the course whose notebooks are translated
