#!/usr/bin/env python3
"""nn-course on JupyterHub, on one Debian machine: set it up, start it, stop it (run as root).

    python3 deploy/jupyterhub/hub.py setup --instructor teacher --roster students.txt
    python3 deploy/jupyterhub/hub.py start        # http://127.0.0.1:8000, log in with PAM
    python3 deploy/jupyterhub/hub.py stop
    python3 deploy/jupyterhub/hub.py remove       # stop, then delete what setup created

``setup`` installs what is missing (Debian's python3-venv, nodejs/npm and bubblewrap; the course,
JupyterHub and nbgrader into ``<prefix>/venv``; configurable-http-proxy from npm), creates the
system users and nbgrader's groups, makes every home private, creates nbgrader's exchange with
the course folder already owned by the instructor, gives students only the Assignment List and
the instructor the Formgrader, and copies the course root to ``~<instructor>/nn-course/grader``
and builds it. Running it again updates the course package and configs; it never overwrites the
instructor's course folder (gradebook, submissions). deploy/README.md says what each part does.

Only the Python standard library is needed to run this script.
"""

from __future__ import annotations

import argparse
import grp
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COURSE = "nn-course"
INSTRUCTORS_GROUP = f"formgrade-{COURSE}"  # nbgrader's names for a course's groups
STUDENTS_GROUP = f"nbgrader-{COURSE}"
USER_NAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")  # Debian's useradd (NAME_REGEX)
SYSTEM_ACCOUNTS = {user.pw_name for user in pwd.getpwall() if user.pw_uid < 1000}
# Lab plugins and server extensions only instructors get (students keep the Assignment List)
INSTRUCTOR_PLUGINS = [f"@jupyter/nbgrader:{name}"
                      for name in ("formgrader", "course-list", "create-assignment")]
INSTRUCTOR_EXTENSIONS = [f"nbgrader.server_extensions.{name}"
                         for name in ("formgrader", "course_list")]
COURSE_FILES = ("grader", "solutions", "course")  # the course root and the notebooks it builds
RUNTIME = ("gradebook.db", "submitted", "autograded", "feedback", "release", "source",
           "reports", "nn_course", "__pycache__", ".ipynb_checkpoints")


def run(*command: str, user: str | None = None, **options) -> subprocess.CompletedProcess:
    """Run ``command`` (as ``user``, from that user's home, when given); stop if it fails."""
    if user is not None:
        home = pwd.getpwnam(user).pw_dir
        command = ("runuser", "-u", user, "--", "env", "-C", home, f"HOME={home}", *command)
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, check=True, **options)


def write(path: Path, text: str, owner: str | None = None, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    if owner:
        shutil.chown(path, owner, owner)
        shutil.chown(path.parent, owner, owner)


def settings_file(prefix: Path) -> Path:
    return prefix / "etc" / "hub.json"


def read_settings(prefix: Path) -> dict:
    path = settings_file(prefix)
    if not path.is_file():
        sys.exit(f"hub.py: {path} not found: run `hub.py setup --prefix {prefix}` first")
    return json.loads(path.read_text())


def user_names(raw: list[str]) -> list[str]:
    """``raw`` as system user names of people: not a system account (uid below 1000) that
    already exists, such as root or daemon."""
    found = [name.strip() for name in raw if name.strip()]
    wrong = [name for name in found if not USER_NAME.fullmatch(name)]
    if wrong:
        raise argparse.ArgumentTypeError(
            f"not a system user name: {', '.join(wrong)} (expected lowercase letters, digits, "
            "'-' and '_', starting with a letter or '_', at most 32 characters)")
    accounts = [name for name in found if name in SYSTEM_ACCOUNTS]
    if accounts:
        raise argparse.ArgumentTypeError(f"{', '.join(accounts)}: a system account, not a "
                                         "person's (uid below 1000)")
    if not found:
        raise argparse.ArgumentTypeError("no user names given")
    return found


def listed(value: str) -> list[str]:
    """User names from ``a,b,c``."""
    return user_names(value.split(","))


def roster(value: str) -> list[str]:
    """User names from a file with one name per line (``#`` starts a comment)."""
    try:
        return user_names(re.sub(r"#.*", "", Path(value).read_text()).split())
    except OSError as error:
        raise argparse.ArgumentTypeError(
            f"cannot read the roster {value}: {error.strerror}") from None


def port(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if not 1024 <= number <= 65533:
        raise argparse.ArgumentTypeError(f"{value}: expected a port from 1024 to 65533 (the hub "
                                         "also takes the next two)")
    return number


# --- setup --------------------------------------------------------------------------------
def debian_packages() -> None:
    """Debian's packages the hub needs and the machine lacks."""
    needed = {"python3-venv": not Path("/usr/bin/python3").exists() or subprocess.run(
                  ["/usr/bin/python3", "-c", "import ensurepip"], capture_output=True).returncode,
              "nodejs": shutil.which("node") is None, "npm": shutil.which("npm") is None,
              "bubblewrap": shutil.which("bwrap") is None}
    missing = [package for package, lacking in needed.items() if lacking]
    if missing:
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", *missing,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def users(instructors: list[str], students: list[str]) -> list[str]:
    """The course's groups and users (created if missing), homes private (Debian's are 0755:
    anyone could read the instructor's solutions); the users and groups created now."""
    created = []
    for group in (INSTRUCTORS_GROUP, STUDENTS_GROUP):
        try:
            grp.getgrnam(group)
        except KeyError:
            run("groupadd", group)
            created.append(f"group:{group}")
    for group, members in ((INSTRUCTORS_GROUP, instructors), (STUDENTS_GROUP, students)):
        for user in members:
            try:
                pwd.getpwnam(user)
                run("usermod", "-a", "-G", group, user)
            except KeyError:
                run("useradd", "--create-home", "--shell", "/bin/bash", "-G", group, user)
                created.append(user)
            os.chmod(pwd.getpwnam(user).pw_dir, 0o700)
    return created


def environment(prefix: Path) -> None:
    """``<prefix>/venv`` (from Debian's python3, which every user may run) with the course and
    JupyterHub, and configurable-http-proxy from npm."""
    venv = prefix / "venv"
    if not (venv / "bin" / "python").exists():
        run("/usr/bin/python3", "-m", "venv", str(venv))
    run(str(venv / "bin" / "pip"), "install", "-qq", "--disable-pip-version-check",
        f"{REPO}[hub]")
    if not (prefix / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        run("npm", "install", "--silent", "--no-fund", "--no-audit", "--prefix",
            str(prefix / "proxy"), "configurable-http-proxy@5")


def exchange(prefix: Path, instructor: str) -> None:
    """nbgrader's exchange, with the course's folder created now and owned by the instructor,
    so no student can claim it first; modes as nbgrader makes them, plus the sticky bit on
    ``inbound/`` (no student removes another's submission) and on the root."""
    root = prefix / "exchange"
    course = root / COURSE
    for path, mode in ((root, 0o1777), (course, 0o755), (course / "outbound", 0o755),
                       (course / "inbound", 0o3733), (course / "feedback", 0o711)):
        path.mkdir(exist_ok=True)
        if path != root:
            shutil.chown(path, instructor, instructor)
        path.chmod(mode)


def jupyter_config(prefix: Path, instructors: list[str], settings: dict) -> None:
    """nbgrader's global config for everyone; the Formgrader only for the instructors."""
    etc = prefix / "venv" / "etc" / "jupyter"
    write(etc / "nbgrader_config.py", "\n".join([
        "# nn-course's hub (deploy/jupyterhub/hub.py): every user of this environment",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {COURSE!r}",
        f"c.Exchange.root = {settings['exchange']!r}",
        "c.Exchange.path_includes_course = True  # students fetch into ~/nn-course/<assignment>",
        ""]))
    for extension in INSTRUCTOR_EXTENSIONS:
        write(etc / "jupyter_server_config.d" / f"{extension}.json", json.dumps(
            {"ServerApp": {"jpserver_extensions": {extension: False}}}, indent=2))
    # disabled for everyone, unlocked so that the instructors' own setting can enable them
    write(etc / "labconfig" / "page_config.json", json.dumps(
        {"disabledExtensions": dict.fromkeys(INSTRUCTOR_PLUGINS, True),
         "lockedExtensions": dict.fromkeys(INSTRUCTOR_PLUGINS, False)}, indent=2))
    # a class's Lab never asks to fetch Jupyter's news (nor calls out for it)
    write(prefix / "venv" / "share" / "jupyter" / "lab" / "settings" / "overrides.d" /
          "nn-course-hub.json", json.dumps({"@jupyterlab/apputils-extension:notification": {
              "fetchNews": "false", "checkForUpdates": False}}, indent=2))
    for instructor in instructors:
        jupyter = Path(pwd.getpwnam(instructor).pw_dir) / ".jupyter"
        write(jupyter / "jupyter_server_config.json", json.dumps(
            {"ServerApp": {"jpserver_extensions": dict.fromkeys(INSTRUCTOR_EXTENSIONS, True)}},
            indent=2), owner=instructor)
        write(jupyter / "labconfig" / "page_config.json", json.dumps(
            {"disabledExtensions": dict.fromkeys(INSTRUCTOR_PLUGINS, False)}, indent=2),
            owner=instructor)
        write(jupyter / "nbgrader_config.py", "\n".join([
            "c = get_config()  # noqa: F821",
            f"c.CourseDirectory.root = {settings['course_root']!r}  # the Formgrader's course",
            ""]),
            owner=instructor)


def course_root(prefix: Path, instructor: str) -> None:
    """The course root in the instructor's home, copied once from this checkout and built."""
    home = Path(pwd.getpwnam(instructor).pw_dir)
    target = home / COURSE
    if target.exists():
        print(f"{target} exists: kept as it is (gradebook, submissions)", flush=True)
    else:
        for part in COURSE_FILES:
            shutil.copytree(REPO / part, target / part, ignore=shutil.ignore_patterns(*RUNTIME))
        run("chown", "-R", f"{instructor}:{instructor}", str(target))
        target.chmod(0o700)
    run(str(prefix / "venv" / "bin" / "nn-course"), "--root", str(target / "grader"),
        "--no-progress", "build", user=instructor)


def setup(args: argparse.Namespace) -> None:
    prefix, instructor = args.prefix, args.instructor[0]
    if set(args.instructor) & set(args.students):
        sys.exit("hub.py: a user cannot be both instructor and student")
    os.umask(0o022)
    previous = json.loads(settings_file(prefix).read_text()) \
        if settings_file(prefix).is_file() else {}
    debian_packages()
    created = sorted(set(previous.get("created", [])) | set(users(args.instructor,
                                                                  args.students)))
    root = Path(pwd.getpwnam(instructor).pw_dir) / COURSE / "grader"
    settings = {"course": COURSE, "port": args.port, "instructors": args.instructor,
                "students": args.students, "course_root": str(root),
                "exchange": str(prefix / "exchange"), "created": created}
    write(settings_file(prefix), json.dumps(settings, indent=2))  # first: `remove` works
    shutil.copy(Path(__file__).with_name("jupyterhub_config.py"), prefix / "etc")
    environment(prefix)
    exchange(prefix, instructor)
    course_root(prefix, instructor)
    jupyter_config(prefix, args.instructor, settings)
    state = prefix / "hub"
    state.mkdir(exist_ok=True)
    state.chmod(0o700)  # the hub's database and cookie secret
    print(f"set up: {len(args.students)} students, course root {root}; "
          f"start it with: python3 {Path(__file__)} start --prefix {prefix}")


# --- start / stop / remove -------------------------------------------------------------------
def pid_file(prefix: Path) -> Path:
    return prefix / "hub" / "jupyterhub.pid"  # jupyterhub_config.py writes it there


def running(prefix: Path) -> int | None:
    """The hub's process id, if it runs."""
    try:
        pid = int(pid_file(prefix).read_text())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def start(args: argparse.Namespace) -> None:
    settings = read_settings(args.prefix)
    url = f"http://127.0.0.1:{settings['port']}"
    if running(args.prefix):
        sys.exit(f"hub.py: the hub already runs at {url}")
    log = open(args.prefix / "hub" / "jupyterhub.log", "ab")
    subprocess.Popen([str(args.prefix / "venv" / "bin" / "jupyterhub"), "-f",
                      str(args.prefix / "etc" / "jupyterhub_config.py")],
                     cwd=args.prefix / "hub", stdout=log, stderr=log, start_new_session=True,
                     env={**os.environ, "NNC_PREFIX": str(args.prefix)})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/hub/health", timeout=5) as answer:
                if answer.status == 200:
                    print(f"the hub runs at {url} (log: {log.name})")
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"hub.py: the hub did not answer at {url} within 120 s; see {log.name}")


def stop(args: argparse.Namespace) -> None:
    """Stop the hub: it stops the proxy it started and every user's server."""
    pid = running(args.prefix)
    if pid is None:
        print("the hub is not running")
        return
    os.kill(pid, signal.SIGTERM)
    for _ in range(120):
        if running(args.prefix) is None:
            print("the hub stopped")
            return
        time.sleep(0.5)
    sys.exit(f"hub.py: the hub (pid {pid}) did not stop within 60 s")


def remove(args: argparse.Namespace) -> None:
    """Stop the hub, then delete the users and groups setup created and ``prefix``."""
    settings = read_settings(args.prefix)
    stop(args)
    for name in settings["created"]:
        if name.startswith("group:"):
            subprocess.run(["groupdel", name.removeprefix("group:")], check=False)
            continue
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:  # removed by hand already
            continue
        subprocess.run(["pkill", "-KILL", "-u", name], check=False)
        run("userdel", "--remove", name, stderr=subprocess.DEVNULL)
        # the grader's caches in /tmp: a later user with this uid must not inherit them
        for left in Path(tempfile.gettempdir()).glob(f"nn-course-{uid}*"):
            if left.lstat().st_uid == uid:
                shutil.rmtree(left, ignore_errors=True)
    shutil.rmtree(args.prefix)


def main() -> None:
    prefix = argparse.ArgumentParser(add_help=False)
    prefix.add_argument("--prefix", type=Path, default=Path("/opt/nn-course"),
                        help="where the environment, proxy, exchange and hub state live "
                             "(default /opt/nn-course; the same for every command)")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    setup_parser = commands.add_parser("setup", parents=[prefix],
                                       help="install and configure (as root)")
    setup_parser.add_argument("--instructor", type=listed, required=True,
                              help="the instructor's user name (a,b for several: the first "
                                   "owns the course)")
    students = setup_parser.add_mutually_exclusive_group(required=True)
    students.add_argument("--roster", dest="students", type=roster, metavar="FILE",
                          help="the students: a file with one user name per line")
    students.add_argument("--students", type=listed, metavar="A,B,C",
                          help="the students' user names")
    setup_parser.add_argument("--port", type=port, default=8000,
                              help="the hub's port on 127.0.0.1 (+1 and +2 are used "
                                   "internally; default 8000)")
    commands.add_parser("start", parents=[prefix],
                        help="start the hub and wait until it answers")
    commands.add_parser("stop", parents=[prefix],
                        help="stop the hub, the proxy and every user's server")
    commands.add_parser("remove", parents=[prefix],
                        help="stop, then delete the users and groups setup created and the "
                             "prefix (not the course's checkout)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("hub.py: run as root (it creates users; the hub starts each user's server as "
                 "that user)")
    {"setup": setup, "start": start, "stop": stop, "remove": remove}[args.command](args)


if __name__ == "__main__":
    main()
