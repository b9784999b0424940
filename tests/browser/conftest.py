"""A real JupyterLab and a headless Chromium for the browser tests.

JupyterLab runs on 127.0.0.1 with a token and its own config, data, settings, workspace and
runtime folders, serving a scratch copy of the course. Chromium is Debian's (``/usr/bin/chromium``,
never a downloaded build), driven by Playwright. Both always shut down, even when a test fails.
Without Chromium or Playwright the tests are skipped, unless ``NN_COURSE_REQUIRE_BROWSER=1`` (set
by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from nn_course.course import LANGUAGES, Course, edition
from nn_course.demo import solved_student_version

CHROMIUM = os.environ.get("NN_COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# Test-only Lab user settings: every cell in the DOM (no windowing) and no news pop-up.
TEST_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
}


def _require_browser():
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -e '.[dev]')")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("NN_COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class JupyterLab:
    """A JupyterLab server process; see :func:`start_lab`."""

    def __init__(self, home: Path, settings: dict):
        self.home = home
        self.work = home / "work"
        self.token = secrets.token_hex(16)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        folders = {name: home / name for name in ("config", "data", "settings", "workspaces",
                                                  "runtime", "ipython")}
        for folder in folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        for plugin, values in settings.items():
            path = folders["settings"] / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        self.env = {**os.environ,
                    "JUPYTER_CONFIG_DIR": str(folders["config"]),
                    "JUPYTER_DATA_DIR": str(folders["data"]),
                    "JUPYTERLAB_SETTINGS_DIR": str(folders["settings"]),
                    "JUPYTERLAB_WORKSPACES_DIR": str(folders["workspaces"]),
                    "JUPYTER_RUNTIME_DIR": str(folders["runtime"]),
                    "IPYTHONDIR": str(folders["ipython"])}
        self.config_dir = folders["config"]
        self.log_path = home / "jupyterlab.log"
        self.process = None

    def start(self) -> None:
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                   f"--IdentityProvider.token={self.token}",
                   f"--ServerApp.root_dir={self.work}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command, env=self.env, cwd=self.work, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not start:\n{self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def link(self, path: str) -> str:
        """URL opening ``path`` alone (``reset``: no tabs restored from an earlier test)."""
        return f"{self.url}/lab/tree/{path}?token={self.token}&reset"


@pytest.fixture(scope="session")
def lab_factory(tmp_path_factory):
    """``start(settings=None, prepare=None) -> JupyterLab``: a running server with extra Lab user
    settings, its folders first filled by ``prepare(lab)``; all are stopped after the session."""
    _require_browser()
    started = []

    def start(settings: dict | None = None, prepare=None) -> JupyterLab:
        lab = JupyterLab(tmp_path_factory.mktemp("jupyterlab"),
                         {**TEST_SETTINGS, **(settings or {})})
        lab.work.mkdir(parents=True, exist_ok=True)
        if prepare is not None:
            prepare(lab)
        started.append(lab)
        lab.start()
        return lab

    try:
        yield start
    finally:
        for lab in started:
            lab.stop()


def serve_edition(lab: JupyterLab, language: str) -> None:
    """Every student notebook of an edition, completed: ``NN_topic/`` (English) or
    ``es/NN_topic/``."""
    course = edition(language)
    for assignment in course.assignments():
        folder = (lab.work / served_notebook(language, assignment)).parent
        folder.mkdir(parents=True)
        nbformat.write(solved_student_version(course, assignment),
                       str(folder / f"{assignment}.ipynb"))


def served_notebook(language: str, assignment: str) -> str:
    """Where a served edition's student notebook is, under the server's root folder."""
    return f"{assignment}/{assignment}.ipynb" if language == "en" else (
        f"{language}/{assignment}/{assignment}.ipynb")


def _serve_course(lab: JupyterLab) -> None:
    """Every student notebook of both editions, completed, and an nbgrader course root for the
    panels."""
    for language in LANGUAGES:
        serve_edition(lab, language)
    course = Course()
    # formgrader wants the course root inside the server's root folder
    instructor = lab.work / "instructor"
    shutil.copytree(course.solutions, instructor / "solutions")
    (instructor / "grader").mkdir()
    shutil.copyfile(course.root / "nbgrader_config.py",
                    instructor / "grader" / "nbgrader_config.py")
    (lab.home / "exchange").mkdir()
    (lab.config_dir / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.root = {str(instructor / 'grader')!r}\n"
        "c.CourseDirectory.course_id = 'nn-course'\n"
        f"c.Exchange.root = {str(lab.home / 'exchange')!r}\n")


@pytest.fixture(scope="session")
def lab(lab_factory):
    """JupyterLab as the course installs it, serving the course (see ``_serve_course``)."""
    return lab_factory(prepare=_serve_course)


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


class LabPage:
    """What the tests do in JupyterLab: open a notebook, run it, find and move explorers."""

    def __init__(self, page, lab: JupyterLab):
        self.page = page
        self.lab = lab

    def open(self, path: str) -> None:
        """Open a notebook and wait for its kernel; a failed page load is retried once."""
        for attempt in (1, 2):
            try:
                self.page.goto(self.lab.link(path), timeout=60_000)
                self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
                self.wait_idle()
                return
            except Exception:  # a load problem, not an assertion: one retry
                if attempt == 2:
                    raise

    def wait_idle(self, timeout: float = 120_000) -> None:
        """Wait for a connected, idle kernel (the status bar says so; the toolbar indicator
        already reads "idle" while the kernel is still being created)."""
        self.page.wait_for_function(
            "() => /\\(ipykernel\\)\\s*\\|\\s*Idle/.test("
            "document.querySelector('#jp-main-statusbar')?.textContent || '')", timeout=timeout)

    def menu(self, *labels: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=labels[0]).first.click()
        for label in labels[1:]:
            self.page.locator(".lm-Menu-itemLabel", has_text=label).first.click()

    def run_all(self, timeout: float = 60_000) -> None:
        """Run every cell and wait until each code cell has an execution number."""
        # Activate the notebook first: the Run menu acts on the active notebook only.
        self.page.locator(".jp-Cell .jp-InputPrompt").first.click()
        self.menu("Run", "Run All Cells")
        try:
            self.page.wait_for_function(
                "() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];"
                " return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.textContent)); }",
                timeout=timeout)
        except Exception:
            prompts = self.page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
            self.page.screenshot(path=str(SCREENSHOTS / "run-all-timeout.png"), full_page=True)
            raise AssertionError(f"not every cell ran; prompts: {prompts}") from None
        self.wait_idle()

    def run_cell(self, index: int) -> str:
        """Run the ``index``-th code cell on its own; the text of its output."""
        cell = self.page.locator(".jp-CodeCell").nth(index)
        cell.locator(".jp-InputArea-editor").click()
        self.page.keyboard.press("Shift+Enter")
        self.page.wait_for_function(
            "i => /\\[\\d+\\]/.test(document.querySelectorAll('.jp-CodeCell')[i]"
            ".querySelector('.jp-InputPrompt').textContent)", arg=index)
        self.wait_idle()
        return cell.locator(".jp-OutputArea").inner_text()

    def errors(self) -> list[str]:
        """Text of every error output in the notebook."""
        return self.page.locator(".jp-OutputArea-output[data-mime-type*='error'], "
                                 ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']"
                                 ).all_inner_texts()

    def explorers(self):
        """Locators of every explorer: a widget box holding an image widget."""
        return self.page.locator(".jp-OutputArea-output .widget-vbox:has(> img.widget-image)").all()


@pytest.fixture
def lab_page(page, lab) -> LabPage:
    return LabPage(page, lab)


@pytest.fixture(scope="session")
def serve():
    """``serve(lab, language)``: put that edition's completed student notebooks in ``lab``."""
    return serve_edition


@pytest.fixture(scope="session")
def notebook_path():
    """``notebook_path(language, assignment)``: a student notebook's path in the served course."""
    return served_notebook


@pytest.fixture
def page_on(page):
    """``page_on(lab) -> LabPage`` for a server other than the default ``lab``."""
    return lambda other: LabPage(page, other)
