"""Grading kernels inside bubblewrap: the student's code sees a read-only system and nothing else.

A sandboxed kernel runs ``bwrap`` (Debian package ``bubblewrap``) with

- a read-only view of the system folders (``/usr``, ``/etc``, ``/lib*``, ``/bin``, ``/sbin``) and
  of what Python needs: its installation, the environment's ``site-packages`` and the
  ``coursekit`` package folder. Nothing else of the machine is there: not the course root, the
  gradebook, the solutions, other students' files, home folders or any database socket;
- a private, empty ``/tmp`` and a fresh working folder (a copy of the submission's other files,
  never its notebook), the only writable places;
- no network (its own network namespace, loopback only), its own PID, IPC and UTS namespaces,
  ``--die-with-parent`` and ``--new-session`` (no terminal injection);
- a clean environment (no ``JPY_PARENT_PID``; ``NN_COURSE_GRADING=1``);
- limits (``prlimit``): address space, processes, file size and CPU time. Run as root, the kernel
  drops to user ``nobody`` first (root ignores the process limit, and student code never runs as
  root).

The kernel talks to the grader over Unix sockets in a private folder bound into the sandbox.
Without ``bwrap`` grading still works, unsandboxed: :func:`available` says so and the grading run
prints and reports a warning.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Instance

from coursekit import records

NOBODY = 65534
SYSTEM_FOLDERS = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64")
UNSANDBOXED_WARNING = (
    "WARNING: bubblewrap (bwrap) is not available, so student code runs UNSANDBOXED: it can read "
    "and write anything this user can, including the gradebook. Install it (Debian/Ubuntu: "
    "apt-get install bubblewrap) before grading real submissions.")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one grading kernel (and everything it starts)."""

    memory_bytes: int = 3 * 1024**3   # address space per process (MemoryError beyond)
    processes: int = 128              # processes and threads of the sandbox user
    file_bytes: int = 64 * 1024**2    # largest file it may write
    cpu_seconds: int = 600            # CPU time per process (a backstop; wall time is the
                                      # executor's notebook budget)


@cache
def available() -> bool:
    """Whether bubblewrap is installed and can create a sandbox here."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return False
    probe = subprocess.run([bwrap, *_namespace_args(), "--ro-bind", "/", "/", "true"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def _namespace_args() -> list[str]:
    args = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if os.geteuid() == 0:  # keep the right to drop to `nobody`; setpriv then drops everything
        return args + ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    return args + ["--unshare-user"]


def readable_paths() -> list[str]:
    """Folders the kernel may read: the system, Python and the installed packages."""
    import coursekit

    paths = {*(p for p in SYSTEM_FOLDERS if not os.path.islink(p)),
             sys.base_prefix, sys.prefix, sys.exec_prefix,
             os.path.dirname(os.path.realpath(sys.executable)),
             sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
             str(Path(coursekit.__file__).resolve().parent)}
    existing = sorted(os.path.realpath(p) for p in paths if os.path.exists(p))
    # drop folders already inside another one
    return [p for p in existing
            if not any(p != q and p.startswith(q.rstrip("/") + "/") for q in existing)]


def _parents(paths) -> list[str]:
    """Ancestors to create (readable, 0755) before binding ``paths`` below them."""
    made, out = {"/", "/tmp"}, []
    for path in paths:
        for parent in reversed(Path(path).parents):
            if str(parent) not in made:
                made.add(str(parent))
                out.append(str(parent))
    return out


def wrap(command: list[str], workdir: Path, runtime: Path, limits: Limits = Limits()) -> list[str]:
    """``command`` (a kernel's argv) run inside the sandbox, in ``workdir``.

    ``runtime`` holds the connection file and the kernel's sockets; it is bound read-write at
    the same path, as is ``workdir``.
    """
    readable = readable_paths()
    writable = [str(workdir), str(runtime)]
    args = [shutil.which("bwrap"), *_namespace_args(), "--clearenv", "--proc", "/proc",
            "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp"]
    for parent in _parents(readable + writable):
        args += ["--perms", "0755", "--dir", parent]
    for path in readable:
        args += ["--ro-bind", path, path]
    for path in SYSTEM_FOLDERS:  # merged /usr: /bin, /lib... are links into /usr
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
    for path in writable:
        args += ["--bind", path, path]
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8",
           "MPLCONFIGDIR": "/tmp/matplotlib", "PYTHONDONTWRITEBYTECODE": "1",
           records.ENV: "1"}
    for name, value in env.items():
        args += ["--setenv", name, value]
    args += ["--chdir", str(workdir), "--"]
    if os.geteuid() == 0:
        args += [shutil.which("setpriv"), f"--reuid={NOBODY}", f"--regid={NOBODY}",
                 "--clear-groups", "--no-new-privs", "--"]
    args += [shutil.which("prlimit"), f"--as={limits.memory_bytes}", f"--nproc={limits.processes}",
             f"--fsize={limits.file_bytes}", f"--cpu={limits.cpu_seconds}", "--"]
    return args + command


def _give_to_sandbox_user(path: Path) -> None:
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)


def working_copy(submission_dir: str | None) -> Path:
    """A fresh folder with the submission's other files (never a notebook: the one being
    graded holds the hidden tests once they are restored)."""
    workdir = Path(tempfile.mkdtemp(prefix="nn-course-work-"))
    if submission_dir and Path(submission_dir).is_dir():
        shutil.copytree(submission_dir, workdir, dirs_exist_ok=True, symlinks=False,
                        ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    for path in [workdir, *workdir.rglob("*")]:
        _give_to_sandbox_user(path)
    return workdir


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run in the bubblewrap sandbox (see the module docs).

    The kernel starts in a fresh working copy of the folder nbclient asks for (``cwd``), with
    the notebooks left out. Interrupts are sent as messages (signals cannot cross the sandbox).
    """

    runtime = Instance(Path, allow_none=True)
    workdir = Instance(Path, allow_none=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.runtime = Path(tempfile.mkdtemp(prefix="nn-course-kernel-"))
        os.chmod(self.runtime, 0o711)
        _give_to_sandbox_user(self.runtime)
        self.transport = "ipc"
        self.ip = str(self.runtime / "kernel")
        self.connection_file = str(self.runtime / "kernel.json")

    async def _async_pre_start_kernel(self, **kw):
        if self.workdir is None:  # a restart keeps the working copy
            self.workdir = working_copy(kw.get("cwd"))
        kw["cwd"] = str(self.workdir)
        kw.setdefault("stdout", subprocess.DEVNULL)  # the kernel's own console chatter
        kw.setdefault("stderr", subprocess.DEVNULL)
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        self.kernel_spec.interrupt_mode = "message"
        return cmd, kw

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        _give_to_sandbox_user(Path(self.connection_file))
        return wrap(super().format_kernel_cmd(extra_arguments), self.workdir, self.runtime)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            for folder in (self.runtime, self.workdir):
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
