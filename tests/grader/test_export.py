"""nn_course.export and `nn-course export`: the gradebook in the layouts Canvas and Moodle import
(and the course's own), students matched to an LMS roster, nothing half written.

The expected files are written out cell by cell from the documented layouts (see the module's
docs): Canvas's header ``Student, ID, SIS User ID, SIS Login ID, Section`` and its ``Points
Possible`` row; Moodle's identifier column and one column per grade item."""

import csv
from pathlib import Path

import pytest

from coursekit.language import use_language
from nn_course import cli
from nn_course import export as exports
from nn_course.export import ExportError, export, read_roster
from nn_course.gradebook import ScoreTable

Q = ["01_perceptron:step_visible", "01_perceptron:step_hidden", "02_activations:relu_visible"]
CANVAS_HEAD = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]

# Canvas's own gradebook export (Grades -> Export), as the instructor downloads it: an
# Integration ID column, an assignment that already exists in Canvas (its id in the header),
# read-only totals, the Points Possible row, a test student without a login
CANVAS_ROSTER = """\
Student,ID,SIS User ID,SIS Login ID,Integration ID,Section,01_perceptron (5501),Current Score
    Points Possible,,,,,,5.00,(read only)
,,,,,,Manual Posting,
"Perez, Ana",1001,S-17,ana.perez,,Grupo A,3.00,70.00
"Diaz, Dora",1002,S-18,dora,,Grupo B,,
"Student, Test",1003,,,,Grupo A,,
"Lopez, Ben",1004,S-19,ben,,Grupo A,0.00,0.00
"""

# Moodle's grade export (Export -> Plain text file): the default user fields, one item, the
# course total and the last-download stamp
MOODLE_ROSTER = """\
First name,Last name,ID number,Institution,Department,Email address,Manual item 1 (Real),\
Course total (Real),Last downloaded from this course
Ana,Perez,A1,Uni,CS,ana.perez@uni.es,-,-,1767225600
Ben,Lopez,B2,Uni,CS,ben@uni.es,-,-,1767225600
Dora,Diaz,D4,Uni,CS,dora@uni.es,-,-,1767225600
"""


def table() -> ScoreTable:
    """ana full marks but half a point; ben nothing; cleo a third of a point (not in rosters)."""
    maxima = {Q[0]: 2.0, Q[1]: 3.0, Q[2]: 4.5}
    return ScoreTable(Q, maxima, {
        "ana.perez": {Q[0]: 2.0, Q[1]: 2.5, Q[2]: 4.5},
        "ben": dict.fromkeys(Q, 0.0),
        "cleo": {Q[0]: 0.0, Q[1]: 0.0, Q[2]: 1 / 3},
    })


def rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def roster(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    use_language("en")


# -- csv: the course's own layout -----------------------------------------------------------------

def test_csv_has_one_column_per_assignment_total_then_total_and_max(tmp_path):
    result = export(table(), "csv", tmp_path / "out.csv")
    assert rows(result.path) == [
        ["student_id", "01_perceptron:total", "02_activations:total", "total", "max"],
        ["ana.perez", "4.5", "4.5", "9", "9.5"],
        ["ben", "0", "0", "0", "9.5"],
        ["cleo", "0", "0.333333", "0.333333", "9.5"],
    ]
    assert (result.format, result.students) == ("csv", 3)


def test_csv_with_questions_is_the_layout_of_grades_csv(tmp_path):
    export(table(), "csv", tmp_path / "out.csv", questions=True)
    table().write_csv(tmp_path / "grades.csv")
    assert rows(tmp_path / "out.csv")[0] == ["student_id", *Q, "01_perceptron:total",
                                             "02_activations:total", "total", "max"]
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "grades.csv").read_bytes()


# -- canvas ---------------------------------------------------------------------------------------

def test_canvas_without_roster_puts_the_nbgrader_id_in_student_and_sis_login_id(tmp_path):
    result = export(table(), "canvas", tmp_path / "canvas.csv")
    assert rows(result.path) == [
        [*CANVAS_HEAD, "01_perceptron", "02_activations"],
        ["    Points Possible", "", "", "", "", "5", "4.5"],
        ["ana.perez", "", "", "ana.perez", "", "4.5", "4.5"],
        ["ben", "", "", "ben", "", "0", "0"],
        ["cleo", "", "", "cleo", "", "0", "0.33"],
    ]
    assert result.roster is None and result.not_in_roster == result.no_submission == []


def test_canvas_header_passes_canvas_own_header_test(tmp_path):
    """Canvas's importer: "Student" in the first cell, "ID" in the second, "SIS User ID"
    followed by "SIS Login ID", "Section" closing the student columns; a row whose first cell
    holds "Points Possible" carries the maxima."""
    head, points, *_ = rows(export(table(), "canvas", tmp_path / "c.csv").path)
    assert "Student" in head[0] and "ID" in head[1]
    assert head[2:4] == ["SIS User ID", "SIS Login ID"] and head[4] == "Section"
    assert "Points Possible" in points[0] and points[1:5] == ["", "", "", ""]


def test_canvas_with_roster_copies_canvas_identifiers_and_reports_both_sides(tmp_path):
    result = export(table(), "canvas", tmp_path / "canvas.csv",
                    roster=roster(tmp_path, CANVAS_ROSTER))
    assert rows(result.path) == [
        [*CANVAS_HEAD, "01_perceptron (5501)", "02_activations"],  # Canvas's own header kept
        ["    Points Possible", "", "", "", "", "5", "4.5"],
        ["Perez, Ana", "1001", "S-17", "ana.perez", "Grupo A", "4.5", "4.5"],  # roster order
        ["Lopez, Ben", "1004", "S-19", "ben", "Grupo A", "0", "0"],
    ]
    assert result.match == "SIS Login ID" and result.students == 2
    assert result.not_in_roster == ["cleo"]
    assert result.no_submission == ["Diaz, Dora [SIS Login ID: dora]",
                                    "Student, Test [SIS Login ID: -]"]


def test_canvas_matches_the_column_the_instructor_names(tmp_path):
    text = CANVAS_ROSTER.replace("S-17", "ana.perez").replace("S-19", "ben")
    result = export(table(), "canvas", tmp_path / "c.csv", roster=roster(tmp_path, text),
                    match="SIS User ID")
    assert [r[:4] for r in rows(result.path)[2:]] == [
        ["Perez, Ana", "1001", "ana.perez", "ana.perez"], ["Lopez, Ben", "1004", "ben", "ben"]]
    assert result.not_in_roster == ["cleo"]


def test_canvas_roster_without_sis_user_id_leaves_that_column_empty(tmp_path):
    """A TA's export has no SIS User ID column: the layout keeps it, empty."""
    text = ("Student,ID,SIS Login ID,Section,Quiz (77)\n    Points Possible,,,,10\n"
            '"Perez, Ana",1001,ana.perez,Grupo A,9\n')
    result = export(table(), "canvas", tmp_path / "c.csv", roster=roster(tmp_path, text))
    assert rows(result.path)[0][:5] == CANVAS_HEAD
    assert rows(result.path)[2][:5] == ["Perez, Ana", "1001", "", "ana.perez", "Grupo A"]


def test_canvas_per_question_columns_have_their_points_possible(tmp_path):
    got = rows(export(table(), "canvas", tmp_path / "c.csv", questions=True).path)
    assert got[0] == [*CANVAS_HEAD, "01_perceptron", "02_activations", *Q]
    assert got[1] == ["    Points Possible", "", "", "", "", "5", "4.5", "2", "3", "4.5"]
    assert got[2] == ["ana.perez", "", "", "ana.perez", "", "4.5", "4.5", "2", "2.5", "4.5"]


def test_a_semicolon_separated_canvas_export_is_read(tmp_path):
    """Canvas writes ';' where the decimal separator is ','."""
    text = ('Student;ID;SIS User ID;SIS Login ID;Section\n    Points Possible;;;;\n'
            '"Perez, Ana";1001;S-17;ana.perez;Grupo A\n')
    assert read_roster(roster(tmp_path, text)).rows == [
        {"Student": "Perez, Ana", "ID": "1001", "SIS User ID": "S-17",
         "SIS Login ID": "ana.perez", "Section": "Grupo A"}]


# -- moodle ---------------------------------------------------------------------------------------

def test_moodle_without_roster_identifies_students_by_username(tmp_path):
    result = export(table(), "moodle", tmp_path / "moodle.csv")
    assert rows(result.path) == [
        ["Username", "01_perceptron", "02_activations"],
        ["ana.perez", "4.5", "4.5"],
        ["ben", "0", "0"],
        ["cleo", "0", "0.33"],
    ]
    assert result.maxima == {"01_perceptron": 5.0, "02_activations": 4.5}


def test_moodle_with_roster_writes_its_email_addresses(tmp_path):
    """Emails become nbgrader ids by the submissions' rule: ana.perez@uni.es is
    ana.perez_uni.es."""
    scores = table()
    scores.scores["ana.perez_uni.es"] = scores.scores.pop("ana.perez")
    scores.scores["ben_uni.es"] = scores.scores.pop("ben")
    result = export(scores, "moodle", tmp_path / "moodle.csv",
                    roster=roster(tmp_path, MOODLE_ROSTER))
    assert rows(result.path) == [
        ["Email address", "01_perceptron", "02_activations"],
        ["ana.perez@uni.es", "4.5", "4.5"],
        ["ben@uni.es", "0", "0"],
    ]
    assert result.not_in_roster == ["cleo"]
    assert result.no_submission == ["Dora Diaz [Email address: dora@uni.es]"]


def test_moodle_matches_the_column_the_instructor_names(tmp_path):
    scores = table()
    scores.scores["A1"] = scores.scores.pop("ana.perez")
    result = export(scores, "moodle", tmp_path / "m.csv", roster=roster(tmp_path, MOODLE_ROSTER),
                    match="ID number", questions=True)
    assert rows(result.path) == [["ID number", "01_perceptron", "02_activations", *Q],
                                 ["A1", "4.5", "4.5", "2", "2.5", "4.5"]]
    assert result.not_in_roster == ["ben", "cleo"]
    assert result.no_submission == ["Ben Lopez [ID number: B2]", "Dora Diaz [ID number: D4]"]


# -- bad input, and nothing half written --------------------------------------------------------

@pytest.mark.parametrize("kwargs, says", [
    ({"format": "blackboard"}, "unknown export format 'blackboard': expected one of canvas, "
                               "moodle, csv"),
    ({"format": "csv", "roster": Path("r.csv")}, "the csv format names students by their nbgrader "
                                                 "id: it takes no roster"),
    ({"format": "canvas", "match": "ID"}, "--match names a column of the roster: give the roster"),
])
def test_bad_requests_are_refused_by_name(tmp_path, kwargs, says):
    with pytest.raises(ExportError, match=says.replace("(", r"\(")):
        export(table(), path=tmp_path / "out.csv", **kwargs)
    assert not (tmp_path / "out.csv").exists()


def test_a_roster_without_the_named_column_names_what_it_has(tmp_path):
    with pytest.raises(ExportError) as raised:
        export(table(), "canvas", tmp_path / "c.csv", roster=roster(tmp_path, MOODLE_ROSTER))
    message = str(raised.value)
    assert "has no column 'SIS Login ID'" in message and "--match" in message
    assert "'Email address'" in message  # the columns it has


@pytest.mark.parametrize("content, says", [
    (None, "cannot read the roster"),
    ("Student,ID\n\xe9,1\n".encode("latin-1"), "is not UTF-8 text"),
    (b"", "has no header row"),
    (b"Student,ID,SIS Login ID,Section\n\"unclosed,1,x,A\n", "is not a CSV file"),  # quote open
])
def test_an_unreadable_roster_is_a_clear_error(tmp_path, content, says):
    path = tmp_path / "roster.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ExportError, match=says):
        export(table(), "canvas", tmp_path / "c.csv", roster=path)


def test_two_roster_rows_for_one_student_are_an_error(tmp_path):
    text = CANVAS_ROSTER + '"Perez, Ana (2)",1005,S-20,ana.perez,,Grupo B,,\n'
    with pytest.raises(ExportError, match="ana.perez matches several rows"):
        export(table(), "canvas", tmp_path / "c.csv", roster=roster(tmp_path, text))


def test_the_roster_is_never_the_target(tmp_path):
    path = roster(tmp_path, CANVAS_ROSTER)
    with pytest.raises(ExportError, match="is the roster"):
        export(table(), "canvas", path, roster=path)
    assert path.read_text(encoding="utf-8") == CANVAS_ROSTER


def test_a_folder_is_not_a_target(tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        export(table(), "csv", tmp_path)


def test_a_failed_export_leaves_the_existing_file_intact(tmp_path):
    target = tmp_path / "canvas.csv"
    target.write_text("last week's export\n")
    with pytest.raises(ExportError):
        export(table(), "canvas", target, roster=roster(tmp_path, MOODLE_ROSTER))
    assert target.read_text() == "last week's export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["canvas.csv", "roster.csv"]


def test_an_export_that_fails_while_writing_leaves_the_existing_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "moodle.csv"
    target.write_text("last week's export\n")

    def disk_full(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exports.os, "replace", disk_full)
    with pytest.raises(ExportError, match="cannot write .*No space left on device"):
        export(table(), "moodle", target)
    assert target.read_text() == "last week's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["moodle.csv"]  # no temporary file left


def test_an_export_replaces_an_older_one_whole(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("x\n" * 1000)
    export(table(), "csv", target)
    assert target.read_text(encoding="utf-8").splitlines()[0].startswith("student_id,")
    assert len(rows(target)) == 4


# -- the command ----------------------------------------------------------------------------------

@pytest.fixture
def course_root(tmp_path, monkeypatch):
    """A course root whose gradebook reads as :func:`table` (no grading needed)."""
    root = tmp_path / "grader"
    root.mkdir()
    (root / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n")
    monkeypatch.setattr(cli, "read_scores", lambda db_url: table())
    return root


def test_the_command_writes_to_the_reports_folder_and_says_how(course_root, capsys):
    assert cli.main(["--root", str(course_root), "export", "--format", "canvas"]) == 0
    out = capsys.readouterr().out
    written = course_root / "reports" / "canvas-import.csv"
    assert f"export (canvas): {written}, 3 students" in out
    assert "no roster: Student and SIS Login ID hold the nbgrader ids" in out
    assert rows(written)[0] == [*CANVAS_HEAD, "01_perceptron", "02_activations"]


def test_the_command_lists_the_unmatched_students(course_root, tmp_path, capsys):
    out_file = tmp_path / "to-canvas.csv"
    assert cli.main(["export", "--root", str(course_root), "--format", "canvas", "--roster",
                     str(roster(tmp_path, CANVAS_ROSTER)), "--out", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert ("unmatched: cleo is in the gradebook but in no row of the roster (column SIS Login "
            "ID); left out of the file") in out
    assert ("unmatched: Diaz, Dora [SIS Login ID: dora] is in the roster but not in the "
            "gradebook; left out of the file") in out
    assert len(rows(out_file)) == 4


def test_the_command_tells_moodle_users_the_mapping_and_maxima(course_root, capsys):
    assert cli.main(["--root", str(course_root), "export", "--format", "moodle",
                     "--questions"]) == 0
    out = capsys.readouterr().out
    assert "the Username column holds the nbgrader ids" in out
    assert "01_perceptron 5, 02_activations 4.5, 01_perceptron:step_visible 2" in out
    assert (course_root / "reports" / "moodle-import.csv").is_file()


def test_a_bad_roster_fails_the_command_and_writes_nothing(course_root, tmp_path, capsys):
    assert cli.main(["--root", str(course_root), "export", "--format", "moodle", "--roster",
                     str(tmp_path / "missing.csv")]) == 1
    assert "nn-course export: cannot read the roster" in capsys.readouterr().err
    assert not (course_root / "reports").exists()


def test_an_unknown_format_is_a_usage_error(course_root, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--root", str(course_root), "export", "--format", "blackboard"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'blackboard'" in capsys.readouterr().err


def test_the_command_speaks_the_course_language(course_root, tmp_path, capsys):
    (course_root / "nbgrader_config.py").write_text(
        'c = get_config()  # noqa: F821\nc.NnCourse.language = "es"\n')
    assert cli.main(["--root", str(course_root), "export", "--format", "canvas", "--roster",
                     str(roster(tmp_path, CANVAS_ROSTER))]) == 0
    out = capsys.readouterr().out
    assert "exportación (canvas):" in out and "2 estudiantes" in out
    assert ("sin correspondencia: cleo está en el libro de calificaciones pero en ninguna fila "
            "de la lista de clase (columna SIS Login ID)") in out
    assert "unmatched" not in out and "students" not in out
    # the LMS's own column names stay as the LMS spells them
    assert rows(course_root / "reports" / "canvas-import.csv")[0][:5] == CANVAS_HEAD


def test_the_roster_reader_keeps_quoted_line_breaks(tmp_path):
    text = 'Student,ID,SIS Login ID,Section\n"Perez,\r\nAna",1001,ana.perez,A\n'
    got = read_roster(roster(tmp_path, text))
    assert got.rows[0]["Student"] == "Perez,\r\nAna" and got.rows[0]["SIS Login ID"] == "ana.perez"
