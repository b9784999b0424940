"""The course root (grader/): its folders, its assignments and an nbgrader API bound to it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from nbgrader.apps import NbGraderAPI
from traitlets.config.loader import PyFileConfigLoader

from coursekit.language import tr

CONFIG_FILE = "nbgrader_config.py"
ASSIGNMENT_PATTERN = re.compile(r"\d\d_[a-z0-9_]+")


def _default_root() -> Path:
    """``NN_COURSE_ROOT`` (a hub sets it for instructors: deploy/jupyterhub); else grader/ of
    this checkout; else, for an installed package, the current folder (nbgrader's habit)."""
    if os.environ.get("NN_COURSE_ROOT"):
        return Path(os.environ["NN_COURSE_ROOT"])
    checkout = Path(__file__).resolve().parents[1]
    return checkout if (checkout / CONFIG_FILE).is_file() else Path.cwd()


DEFAULT_ROOT = _default_root()
LANGUAGES = ("en", "es")  # the editions: English (grader/) and Spanish (es/grader/)


@dataclass(frozen=True)
class Course:
    """A course root holding ``nbgrader_config.py``; paths follow that file's settings.

    Attributes
    ----------
    root : Path
        The folder with ``nbgrader_config.py`` (``grader/`` in this repository).
    """

    root: Path = DEFAULT_ROOT

    def __post_init__(self):
        root = Path(self.root).resolve()
        if not (root / CONFIG_FILE).is_file():
            raise FileNotFoundError(tr("{root} is not a course root: it has no {config} (use "
                                       "--root DIR)").format(root=root, config=CONFIG_FILE))
        object.__setattr__(self, "root", root)

    @cached_property
    def config(self):
        config = PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        config.CourseDirectory.root = str(self.root)
        return config

    def _directory(self, name: str) -> Path:
        return (self.root / self.config.CourseDirectory[f"{name}_directory"]).resolve()

    @property
    def solutions(self) -> Path:
        return self._directory("source")

    @property
    def release(self) -> Path:
        return self._directory("release")

    @property
    def submitted(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback(self) -> Path:
        return self.root / "feedback"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def db_url(self) -> str:
        default = f"sqlite:///{self.root / 'gradebook.db'}"
        return self.config.CourseDirectory.get("db_url") or default

    @property
    def language(self) -> str:
        """The language of the notebooks, the messages, the feedback and the reports."""
        return self.config.NnCourse.get("language", "en")

    @property
    def english(self) -> Course | None:
        """For a translated edition, the English course it is translated from."""
        root = self.config.NnCourse.get("english_root")
        return Course(self.root / root) if root else None

    @property
    def catalogues(self) -> Path:
        """A translated edition's catalogues, one per notebook (``NN_topic.po``)."""
        return self.root.parent / "locale"

    def assignments(self) -> list[str]:
        """Assignment names (``NN_topic``) that have ``solutions/NN_topic/NN_topic.ipynb``."""
        return sorted(p.name for p in self.solutions.iterdir()
                      if ASSIGNMENT_PATTERN.fullmatch(p.name)
                      and (p / f"{p.name}.ipynb").is_file())

    def solution_notebook(self, assignment: str) -> Path:
        return self.solutions / assignment / f"{assignment}.ipynb"

    def release_notebook(self, assignment: str) -> Path:
        return self.release / assignment / f"{assignment}.ipynb"

    def api(self) -> NbGraderAPI:
        """An nbgrader API configured from this root's ``nbgrader_config.py``."""
        return NbGraderAPI(config=self.config)


def edition(language: str) -> Course:
    """This checkout's course in ``language`` (one of :data:`LANGUAGES`)."""
    if language not in LANGUAGES:
        raise ValueError(tr("the course has the editions {languages}; got {language!r}").format(
            languages=", ".join(LANGUAGES), language=language))
    return Course(DEFAULT_ROOT if language == "en" else DEFAULT_ROOT.parent / language / "grader")
