"""Grading sandboxes: each submission's code runs in a bubblewrap sandbox with its own limits.

A sandbox runs ``bwrap`` (Debian package ``bubblewrap``) with

- a read-only view of the system folders (``/usr``, ``/etc``, ``/lib*``, ``/bin``, ``/sbin``),
  of Python and of the environment's packages; coursekit's folder shows the copy restricted to
  what the graded notebook may use (:mod:`nn_course.restricted`). Nothing else of the machine is
  there: not the course root, the gradebook, the solutions, other students' files, home folders
  or any database socket;
- its own in-memory folders, each capped in size: ``/tmp``, ``/dev/shm``, the working folder
  (empty) and the folder of the kernel's sockets. Nothing it writes reaches the machine's disk;
  the grader reaches the sockets through ``/proc/<pid>/root``;
- no network (its own network namespace, loopback only), its own PID, IPC and UTS namespaces,
  ``--die-with-parent`` and ``--new-session``, a clean environment;
- its own limits. Run as root, each sandbox gets a user id of its own (``UID_BASE`` + a slot no
  other running sandbox holds) and, where cgroups can be created, a cgroup capping its processes
  and its memory (its in-memory folders included) and counting its CPU time; ``prlimit`` adds
  per-process caps (address space, processes, file size, CPU time). Student code never runs as
  root. Unprivileged, the sandbox runs in a user namespace of its own with the per-process caps.

Without ``bwrap`` grading still works, unsandboxed: :func:`available` says so and the grading run
prints and reports a warning.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Dict, Instance

from coursekit.language import mark, tr
from nn_course.private import private_folder

UID_BASE = 2_000_000  # user ids of sandboxes started by root: UID_BASE + slot
# root's, where no other user can make it first (in /tmp a student's folder of that name made
# every sandbox fail)
SLOTS = Path("/run/nn-course-slots")
SYSTEM_FOLDERS = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64")
INSIDE = "/nn-course"  # the kernel's sockets and connection file, inside the sandbox
WORKDIR = "/home/student"  # the working folder, inside the sandbox
CGROUP_ROOT = Path("/sys/fs/cgroup")
UNSANDBOXED_WARNING = mark(  # printed and reported translated: tr(UNSANDBOXED_WARNING)
    "WARNING: bubblewrap (bwrap) is not available, so student code runs UNSANDBOXED: it can read "
    "and write anything this user can, including the gradebook. Install it (Debian/Ubuntu: "
    "apt-get install bubblewrap) before grading real submissions.")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandbox (all its processes together, where cgroups allow)."""

    memory_bytes: int = 2 * 1024**3         # memory of the whole sandbox, folders included
    address_space_bytes: int = 3 * 1024**3  # per process (a MemoryError beyond)
    processes: int = 128                    # processes and threads
    file_bytes: int = 16 * 1024**2          # largest file it may write
    folder_bytes: int = 64 * 1024**2        # size of /tmp, and of the working folder
    cpu_seconds: int = 1200                 # per process, a backstop (see nn_course.execute)


@cache
def available() -> bool:
    """Whether bubblewrap is installed and can create a sandbox here."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return False
    probe = subprocess.run([bwrap, *_namespace_args(), "--ro-bind", "/", "/", "true"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def _root() -> bool:
    return os.geteuid() == 0


def _namespace_args() -> list[str]:
    args = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if _root():  # keep the right to change user; setpriv then drops everything
        return args + ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    return args + ["--unshare-user"]


def readable_paths() -> list[str]:
    """Folders the sandbox may read: the system, Python and the installed packages."""
    paths = {*(p for p in SYSTEM_FOLDERS if not os.path.islink(p)),
             sys.base_prefix, sys.prefix, sys.exec_prefix,
             os.path.dirname(os.path.realpath(sys.executable)),
             sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    existing = sorted(os.path.realpath(p) for p in paths if os.path.exists(p))
    # drop folders already inside another one
    return [p for p in existing
            if not any(p != q and p.startswith(q.rstrip("/") + "/") for q in existing)]


def _parents(paths) -> list[str]:
    """Ancestors to create (readable, 0755) before binding ``paths`` below them."""
    made, out = {"/", "/tmp", "/dev", "/home"}, []
    for path in paths:
        for parent in reversed(Path(path).parents):
            if str(parent) not in made:
                made.add(str(parent))
                out.append(str(parent))
    return out


class Slot:
    """A small integer no other running sandbox of this machine holds (a lock file per slot in
    :data:`SLOTS`, root's)."""

    def __init__(self):
        folder = private_folder(SLOTS, 0o700)
        for number in range(100_000):
            handle = open(folder / f"{number}.lock", "a")  # noqa: SIM115 - held while in use
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            self.number, self._handle = number, handle
            return
        raise RuntimeError(tr("no free sandbox slot"))

    def release(self) -> None:
        self._handle.close()


class Cgroup:
    """A cgroup (v2, else v1 controllers) capping one sandbox's processes and memory and
    counting its CPU time; :meth:`create` gives None where cgroups cannot be made."""

    def __init__(self, folders: dict[str, Path], unified: bool):
        self.folders, self.unified = folders, unified

    @classmethod
    def create(cls, name: str, limits: Limits) -> Cgroup | None:
        if not _root():
            return None
        unified = (CGROUP_ROOT / "cgroup.controllers").is_file()
        try:
            if unified:
                parent = CGROUP_ROOT / "nn-course"
                parent.mkdir(exist_ok=True)
                (parent / "cgroup.subtree_control").write_text("+pids +memory +cpu")
                folders = {"pids": parent / name}
                folders["pids"].mkdir()
                folders["memory"] = folders["cpu"] = folders["pids"]
            else:
                folders = {c: CGROUP_ROOT / c / "nn-course" / name
                           for c in ("pids", "memory", "cpuacct")}
                for folder in folders.values():
                    folder.mkdir(parents=True)
            group = cls(folders, unified)
            group._write("pids", "pids.max", limits.processes)
            group._write("memory", "memory.max" if unified else "memory.limit_in_bytes",
                         limits.memory_bytes)
            if unified and (folders["memory"] / "memory.swap.max").exists():
                group._write("memory", "memory.swap.max", 0)
            return group
        except OSError:
            return None

    def _write(self, controller: str, file: str, value) -> None:
        (self.folders[controller] / file).write_text(str(value))

    def wrap(self, command: list[str]) -> list[str]:
        """``command`` started inside this cgroup."""
        procs = " ".join(f"'{f / 'cgroup.procs'}'" for f in {*self.folders.values()})
        script = f'for p in {procs}; do echo $$ > "$p"; done; exec "$@"'
        return ["/bin/sh", "-c", script, "sh", *command]

    def cpu_seconds(self) -> float:
        try:
            if self.unified:
                stat = (self.folders["cpu"] / "cpu.stat").read_text().split()
                return int(stat[stat.index("usage_usec") + 1]) / 1e6
            return int((self.folders["cpuacct"] / "cpuacct.usage").read_text()) / 1e9
        except (OSError, ValueError):
            return 0.0

    def close(self) -> None:
        """Stop every process left in the cgroup, then remove it."""
        folders = {*self.folders.values()}
        for _ in range(100):
            pids = {int(p) for f in folders if (f / "cgroup.procs").exists()
                    for p in (f / "cgroup.procs").read_text().split()}
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.02)
        for folder in folders:
            try:
                folder.rmdir()
            except OSError:
                pass


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            found += map(int, children)
            todo += map(int, children)
    return found


def _cpu_of(pid: int) -> float:
    """CPU seconds of a process and of its children that were waited for."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / os.sysconf("SC_CLK_TCK")


def process_tree_cpu(pid: int) -> float:
    """CPU seconds used by process ``pid`` and everything it started."""
    return sum(_cpu_of(p) for p in [pid, *_descendants(pid)])


class Sandbox:
    """One sandbox: its user id, cgroup and command line, and where its kernel's sockets are.

    ``overlays`` maps host folders to the folders they replace inside (read-only).
    """

    def __init__(self, limits: Limits = Limits(), overlays: dict[str, str] | None = None):
        self.limits, self.overlays = limits, dict(overlays or {})
        self.slot = Slot() if _root() else None
        name = f"sandbox-{os.getpid()}-{id(self)}"
        self.cgroup = Cgroup.create(name, limits)
        self.uid = UID_BASE + self.slot.number if self.slot else None
        self.outer_pid: int | None = None
        self.inner_pid: int | None = None

    def wrap(self, command: list[str], connection_file: str | None = None) -> list[str]:
        """``command`` run inside the sandbox; a kernel's ``connection_file`` (named in its
        command) is mounted read-only inside."""
        limits, readable = self.limits, readable_paths()
        inside_file = f"{INSIDE}/connection.json"
        args = [shutil.which("bwrap"), *_namespace_args(), "--clearenv", "--proc", "/proc",
                "--dev", "/dev"]
        for folder, size in (("/tmp", limits.folder_bytes), ("/dev/shm", 16 * 1024**2),
                             (WORKDIR, limits.folder_bytes), (INSIDE, 1024**2)):
            args += ["--perms", "1777", "--size", str(size), "--tmpfs", folder]
        for parent in _parents(readable + list(self.overlays.values())):
            args += ["--perms", "0755", "--dir", parent]
        for path in readable:
            args += ["--ro-bind", path, path]
        for host, inside in self.overlays.items():
            args += ["--ro-bind", host, inside]
        for path in SYSTEM_FOLDERS:  # merged /usr: /bin, /lib... are links into /usr
            if os.path.islink(path):
                args += ["--symlink", os.readlink(path), path]
        if connection_file:
            args += ["--ro-bind", connection_file, inside_file]
        env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8",
               "MPLCONFIGDIR": "/tmp/matplotlib", "PYTHONDONTWRITEBYTECODE": "1",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        for name, value in env.items():
            args += ["--setenv", name, value]
        args += ["--chdir", WORKDIR, "--"]
        if self.uid is not None:
            args += [shutil.which("setpriv"), f"--reuid={self.uid}", f"--regid={self.uid}",
                     "--clear-groups", "--no-new-privs", "--"]
        args += [shutil.which("prlimit"), f"--as={limits.address_space_bytes}",
                 f"--nproc={limits.processes}", f"--fsize={limits.file_bytes}",
                 f"--cpu={limits.cpu_seconds}", "--core=0", "--"]
        args += [inside_file if part == connection_file else part for part in command]
        return self.cgroup.wrap(args) if self.cgroup else args

    def started(self, pid: int, timeout: float = 30.0) -> None:
        """Note the sandbox started as process ``pid``; wait until its inside exists."""
        self.outer_pid = pid
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            children = _descendants(pid)
            if children and os.path.isdir(f"/proc/{children[0]}/root{INSIDE}"):
                self.inner_pid = children[0]
                return
            time.sleep(0.005)
        raise RuntimeError(tr("the grading sandbox did not start"))

    def host_path(self, inside: str) -> str:
        """The path, seen from the grader, of ``inside`` (a path in the sandbox)."""
        return f"/proc/{self.inner_pid}/root{inside}"

    def cpu_seconds(self) -> float:
        """CPU time used by the sandbox so far."""
        if self.cgroup:
            return self.cgroup.cpu_seconds()
        return process_tree_cpu(self.outer_pid) if self.outer_pid else 0.0

    def close(self) -> None:
        if self.cgroup:
            self.cgroup.close()
        if self.slot:
            self.slot.release()


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run each in a :class:`Sandbox` of their own.

    ``overlays`` (host folder: folder it replaces inside) are mounted read-only. The kernel
    binds its sockets inside the sandbox; the client reaches them through ``/proc``.
    Interrupts are sent as messages (signals cannot cross the sandbox).
    """

    overlays = Dict(help="{host folder: the folder it replaces inside the sandbox}")
    limits = Instance(Limits, args=())

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sandbox: Sandbox | None = None
        self.final_cpu = 0.0  # CPU seconds of the last sandbox, once closed
        self.runtime = Path(tempfile.mkdtemp(prefix="nn-course-kernel-"))
        self.transport = "ipc"
        self.ip = f"{INSIDE}/kernel"
        self.connection_file = str(self.runtime / "kernel.json")

    async def _async_pre_start_kernel(self, **kw):
        self.sandbox = Sandbox(self.limits, self.overlays)
        kw["cwd"] = str(self.runtime)  # of bwrap; the kernel works in WORKDIR
        kw.setdefault("stdout", subprocess.DEVNULL)  # the kernel's own console chatter
        kw.setdefault("stderr", subprocess.DEVNULL)
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        self.kernel_spec.interrupt_mode = "message"
        return cmd, kw

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        os.chmod(self.connection_file, 0o644)  # its folder is the grader's alone
        return self.sandbox.wrap(super().format_kernel_cmd(extra_arguments), self.connection_file)

    async def _async_launch_kernel(self, kernel_cmd, **kw) -> None:
        await super()._async_launch_kernel(kernel_cmd, **kw)
        self.sandbox.started(self.provisioner.pid)
        self.ip = self.sandbox.host_path(f"{INSIDE}/kernel")  # where clients connect

    def cpu_seconds(self) -> float:
        """CPU time of the kernel's sandbox (of the last one, once it is closed)."""
        return self.sandbox.cpu_seconds() if self.sandbox else self.final_cpu

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if self.sandbox is not None:
            self.final_cpu = self.sandbox.cpu_seconds()
            self.sandbox.close()
            self.sandbox = None
        if not restart:
            shutil.rmtree(self.runtime, ignore_errors=True)

    # AsyncKernelManager binds the base class's method under this name: also a dead kernel's
    # sandbox is closed
    cleanup_resources = _async_cleanup_resources
