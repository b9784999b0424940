"""nn-course instructor tool: build the student notebooks, grade a class, report (``nn-course``)."""
