"""The ``nn-course`` command: build, grade, report, export, demo, translations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import coursekit
from coursekit.language import mark, speaking, tr, use_language
from nn_course.build import BuildError, build
from nn_course.course import DEFAULT_ROOT, LANGUAGES, Course, edition
from nn_course.demo import demo, format_table
from nn_course.export import DEFAULT_MATCH, DEFAULT_NAMES, FORMATS, Export, export
from nn_course.gradebook import read_scores
from nn_course.grading import GradingRun, grade
from nn_course.report import write_report
from nn_course.translation import update_catalogues, update_messages

PROBLEMS_FILE = "problems.txt"
DESCRIPTION = mark("The nn-course command: build, grade, report, export, demo, translations.")


def _course(root: Path | None, language: str | None) -> Course:
    """The course root named by ``--root``, else the edition of ``--language`` in this checkout."""
    if root is None:
        return edition(language or "en")
    course = Course(root)
    if language not in (None, course.language):
        raise ValueError(tr("{root} is the {edition} edition, not {language}").format(
            root=course.root, edition=course.language, language=language))
    return course


def _finish(course: Course, run: GradingRun) -> None:
    print(format_table(run))
    print("\n" + tr("grades: {path}").format(path=run.csv_path))
    if run.backup:
        print(tr("gradebook before this run: {path}").format(path=run.backup))
    if run.skipped:
        print(tr("Notebooks graded before and unchanged since, not graded again: {count} "
                 "(--regrade to grade them again)").format(count=run.skipped))
    if run.retried:
        print(tr("Notebooks that met a busy gradebook or a dead process, graded again alone: "
                 "{count}").format(count=run.retried))
    print(tr("feedback: {folder}/<student>/<assignment>/<assignment>.html").format(
        folder=course.feedback))
    (course.reports / PROBLEMS_FILE).write_text("".join(p + "\n" for p in run.problems),
                                                encoding="utf-8")
    for problem in run.problems:
        print(tr("problem: {problem}").format(problem=problem))


def _exported(result: Export) -> None:
    """Where ``nn-course export`` wrote, how the LMS will know the students, who was left out."""
    print(tr("export ({format}): {path}, {count} students").format(
        format=result.format, path=result.path, count=result.students))
    if result.format == "canvas" and result.roster is None:
        print(tr("no roster: Student and SIS Login ID hold the nbgrader ids, so Canvas matches "
                 "the students by login, then by name; --roster with Canvas's gradebook export "
                 "writes Canvas's own identifiers"))
    elif result.format == "moodle":
        if result.roster is None:
            print(tr("no roster: the Username column holds the nbgrader ids; at Moodle's import "
                     "map it to username, or give Moodle's grade export with --roster"))
        else:
            print(tr("at Moodle's import, identify users by the column {column} (map it to the "
                     "Moodle field it holds, e.g. useremail)").format(column=result.match))
        print(tr("maximum points of the columns (give Moodle's grade items these maxima): "
                 "{maxima}").format(maxima=", ".join(f"{name} {top:g}" for name, top
                                                     in result.maxima.items())))
    for student in result.not_in_roster:
        print(tr("unmatched: {student} is in the gradebook but in no row of the roster (column "
                 "{column}); left out of the file").format(student=student, column=result.match))
    for row in result.no_submission:
        print(tr("unmatched: {row} is in the roster but not in the gradebook; left out of the "
                 "file").format(row=row))


def _global_options(default) -> argparse.ArgumentParser:
    """``--root``, ``--language`` and ``--no-progress``, accepted before or after the command
    (``default``: their defaults before it, ``argparse.SUPPRESS`` after, so one does not undo
    the other)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--root", type=Path, default=default,
                         help=tr("course root with nbgrader_config.py (default {root})").format(
                             root=DEFAULT_ROOT))
    options.add_argument("--language", choices=LANGUAGES,
                         default=None if default is None else default,
                         help=tr("the edition: en (default; grader/) or es (the Spanish "
                                 "edition, es/grader/); --root names a course root instead"))
    options.add_argument("--no-progress", action="store_true",
                         default=False if default is None else default, help=tr("no progress bar"))
    return options


def _language_asked(argv) -> str:
    """The ``--language`` given on the command line ("en" when none): the help is in it."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--language", choices=LANGUAGES, default="en")
    return early.parse_known_args(argv)[0].language


def main(argv=None) -> int:
    with speaking(_language_asked(argv)):
        parser = _parser()
    args = parser.parse_args(argv)
    return _run(parser, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nn-course", description=tr(DESCRIPTION),
                                     parents=[_global_options(None)])
    after = _global_options(argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", parents=[after],
                                       help=tr("validate solutions/ and generate course/"))
    build_parser.add_argument("assignments", nargs="*", help=tr("only these (default: all)"))
    grade_parser = commands.add_parser(
        "grade", parents=[after],
        help=tr("autograde a folder or zip of notebooks named <student>_<assignment>.ipynb or "
                "<student>/<assignment>.ipynb (builds the assignments not built yet first)"))
    grade_parser.add_argument("submissions", type=Path)
    grade_parser.add_argument("--jobs", type=int, default=None,
                              help=tr("notebooks graded at once (default: one per CPU)"))
    grade_parser.add_argument("--regrade", action="store_true",
                              help=tr("grade again notebooks an earlier run graded (default: "
                                      "skip them when unchanged, so an interrupted run "
                                      "resumes)"))
    report_parser = commands.add_parser(
        "report", parents=[after],
        help=tr("HTML summary: pass rates by notebook and exercise, misconceptions, students "
                "below a share of the points, histogram, problems"))
    report_parser.add_argument("--below", type=float, default=50.0, metavar="PERCENT",
                               help=tr("list the students under this share of the points "
                                       "(default 50)"))
    export_parser = commands.add_parser(
        "export", parents=[after],
        help=tr("write the gradebook as a CSV file that Canvas or Moodle imports (points per "
                "assignment), or in the course's own layout"))
    export_parser.add_argument("--format", required=True, choices=FORMATS,
                               help=tr("canvas, moodle or csv (the course's own)"))
    export_parser.add_argument("--roster", type=Path, metavar="FILE",
                               help=tr("the LMS's own gradebook export (CSV), where the students' "
                                       "LMS identifiers come from (canvas and moodle)"))
    export_parser.add_argument("--match", metavar="COLUMN",
                               help=tr("the roster column that holds the nbgrader student ids "
                                       "(default: {canvas} for canvas, {moodle} for moodle)")
                               .format(canvas=DEFAULT_MATCH["canvas"],
                                       moodle=DEFAULT_MATCH["moodle"]))
    export_parser.add_argument("--questions", action="store_true",
                               help=tr("also one column per graded question"))
    export_parser.add_argument("--out", type=Path, metavar="FILE",
                               help=tr("the file to write (default, by format: {names} in "
                                       "the course's reports folder)").format(
                                           names=", ".join(DEFAULT_NAMES.values())))
    demo_parser = commands.add_parser("demo", parents=[after],
                                      help=tr("build, grade a synthetic class, print it"))
    translations_parser = commands.add_parser(
        "translations", parents=[after],
        help=tr("bring a translated edition's catalogues (es/locale/*.po) in step with the "
                "English notebooks: new cells to translate, changed cells marked fuzzy"))
    translations_parser.add_argument("assignments", nargs="*",
                                     help=tr("only these (default: all)"))
    demo_parser.add_argument("assignments", nargs="*", help=tr("only these (default: all)"))
    demo_parser.add_argument("--out", type=Path, default=Path("nn-course-demo"),
                             help=tr("where the demo course and class go (default "
                                     "./nn-course-demo)"))
    return parser


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        if args.language:  # the errors met before the course is read are in its language too
            use_language(args.language)
        course = _course(args.root, args.language)
        use_language(course.language)  # of coursekit's messages, read back by the report
        if args.command == "build":
            build(course, assignments=args.assignments)
        elif args.command == "grade":
            if not args.submissions.exists():
                parser.error(tr("{path} does not exist").format(path=args.submissions))
            if args.jobs is not None and args.jobs < 1:
                parser.error(tr("--jobs must be at least 1, got {jobs}").format(jobs=args.jobs))
            _finish(course, grade(course, args.submissions, progress=not args.no_progress,
                                  jobs=args.jobs, regrade=args.regrade))
        elif args.command == "report":
            problems_file = course.reports / PROBLEMS_FILE
            problems = (problems_file.read_text(encoding="utf-8").splitlines()
                        if problems_file.exists() else [])
            if not 0 <= args.below <= 100:
                parser.error(tr("--below must be a percentage from 0 to 100, got {below:g}")
                             .format(below=args.below))
            page = write_report(read_scores(course.db_url), course.reports, problems,
                                autograded=course.autograded, below=args.below)
            print(tr("report: {path}").format(path=page))
        elif args.command == "export":
            out = args.out or course.reports / DEFAULT_NAMES[args.format]
            _exported(export(read_scores(course.db_url), args.format, out, roster=args.roster,
                             match=args.match, questions=args.questions))
        elif args.command == "translations":
            if course.english is None:
                parser.error(tr("translations: choose a translated edition (--language es)"))
            for line in update_catalogues(course, args.assignments or course.english.assignments()):
                print(line)
            for package in (Path(coursekit.__file__).parent, Path(__file__).parent):
                print(update_messages(package, course.language))
        else:
            _finish(*demo(course, args.out, progress=not args.no_progress,
                          assignments=args.assignments))
    except (BuildError, FileNotFoundError, ValueError, RuntimeError) as error:
        print(f"nn-course {args.command}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
