"""What a graded answer may call: earlier notebooks' material, never the notebook's own maths."""

import ast

import pytest

from coursekit import curriculum
from nn_course import notebooks
from nn_course.course import Course

COURSE = Course()


def exercise_references(assignment):
    """Qualified names of the references the notebook's tests compare answers with."""
    nb = notebooks.read(COURSE.solution_notebook(assignment))
    namespace = {"get_ipython": lambda: type("NoMagic", (), {"run_line_magic": print})()}
    setup = "\n".join(line for line in nb.cells[1].source.splitlines()
                      if not line.startswith("%"))
    exec(setup, namespace)  # noqa: S102 - the course's own setup cell
    found = set()
    for cell in notebooks.graded_cells(nb):
        for node in ast.walk(ast.parse(cell.source)):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check_function"
                    and isinstance(node.args[1], ast.Attribute)):
                reference = eval(ast.unparse(node.args[1]), namespace)  # noqa: S307
                found.add(f"{reference.__module__}.{reference.__name__}")
    return found


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_no_exercise_can_call_its_own_reference_while_graded(assignment):
    references = exercise_references(assignment)
    assert references
    for name in references:
        assert curriculum.notebook_of(name) == assignment, name
        assert name not in curriculum.available(assignment)


def test_earlier_material_is_available_and_later_material_is_not():
    available = curriculum.available("05_backprop")
    assert {"coursekit.activations.sigmoid", "coursekit.losses.bce_gradient",
            "coursekit.network.forward"} <= available
    assert "coursekit.network.backward" not in available  # composes 05's deltas
    assert "coursekit.descent.gradient_descent_step" not in available  # 06
    assert "coursekit.slides.backprop.mazur_222" not in available  # never for answers
    data = {n for n, (_, dataclass) in curriculum.units().items() if dataclass}
    helpers = curriculum.available("01_perceptron") - data  # 01 builds on nothing
    assert helpers == {"coursekit.explorers.rosenblatt._ramp",  # a colour map, at import
                       "coursekit.slides._values._fmt"}  # SlideValue's number format


@pytest.mark.parametrize("notebook, names", curriculum.SAME_MATHS.items())
def test_earlier_functions_with_the_same_maths_are_unavailable(notebook, names):
    for name in names:
        assert curriculum.NOTEBOOKS.index(curriculum.notebook_of(f"coursekit.{name}")) < \
            curriculum.NOTEBOOKS.index(notebook)
        assert f"coursekit.{name}" not in curriculum.available(notebook)
        assert "computes what one of" in curriculum.unavailable_reason(f"coursekit.{name}",
                                                                        notebook)


def test_helpers_follow_what_uses_them_and_data_containers_stay():
    assert "coursekit.losses._pair" in curriculum.available("02_activations")  # mse needs it
    assert "coursekit.metrics._binary_counts" not in curriculum.available("04_bce_derivation")
    assert "coursekit.perceptron.PerceptronHistory" in curriculum.available("01_perceptron")


def test_unknown_notebooks_are_refused():
    with pytest.raises(ValueError, match="unknown notebook '08_x'"):
        curriculum.available("08_x")
