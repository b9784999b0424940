"""JupyterHub for nn-course: system users, LocalProcessSpawner, configurable-http-proxy from npm.

``hub.py setup`` copies this file to ``<prefix>/etc/`` beside ``hub.json`` (the course's users,
port and paths), and ``hub.py start`` runs ``jupyterhub -f`` on it as root, with NNC_PREFIX set.
With NNC_TEST_PASSWORD set (tests, a demo) every course user logs in with that password;
otherwise with their system password (PAM).
"""

import json
import os

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

PREFIX = os.environ["NNC_PREFIX"]
with open(os.path.join(PREFIX, "etc", "hub.json")) as settings_file:
    SETTINGS = json.load(settings_file)
INSTRUCTORS, STUDENTS = SETTINGS["instructors"], SETTINGS["students"]
PORT = SETTINGS["port"]
STATE = os.path.join(PREFIX, "hub")  # 0700: the hub's database and cookie secret
# optional: the URL of a PostgreSQL gradebook, kept where only root reads it (deploy/README.md)
DATABASE_URL_FILE = os.path.join(STATE, "database-url")


def for_instructors(value: str):
    """An environment value for the instructors' servers, empty for everyone else's."""
    return lambda spawner: value if spawner.user.name in INSTRUCTORS else ""


def database_url() -> str:
    if not os.path.exists(DATABASE_URL_FILE):
        return ""
    with open(DATABASE_URL_FILE) as url_file:
        return url_file.read().strip()


# --- network: loopback only; a real class puts TLS in front (nginx, caddy) -----------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{PORT + 1}"  # the hub's own API
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [
    os.path.join(PREFIX, "proxy", "node_modules", ".bin", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.should_start = True  # the hub starts the proxy and stops it on exit
c.ConfigurableHTTPProxy.pid_file = os.path.join(STATE, "jupyterhub-proxy.pid")

c.JupyterHub.db_url = f"sqlite:///{os.path.join(STATE, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(STATE, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(STATE, "jupyterhub.pid")  # hub.py stop reads it

# --- who may log in: the course's users only, nobody is a hub admin ------------------------
if os.environ.get("NNC_TEST_PASSWORD"):
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = os.environ["NNC_TEST_PASSWORD"]
else:
    c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = set(INSTRUCTORS + STUDENTS)
c.Authenticator.allow_all = False
c.Authenticator.admin_users = set()
c.JupyterHub.load_groups = {  # nbgrader's names for a course's graders and students
    f"formgrade-{SETTINGS['course']}": {"users": INSTRUCTORS},
    f"nbgrader-{SETTINGS['course']}": {"users": STUDENTS},
}

# --- each user's server: a process of that system user, in the course's environment --------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(PREFIX, "venv", "bin", "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.environment = {
    # `nbgrader`, `nn-course` and `python` in a Lab terminal are the course's
    "PATH": os.path.join(PREFIX, "venv", "bin") + ":/usr/local/bin:/usr/bin:/bin",
    # `nn-course` acts on the instructor's course root without --root
    "NN_COURSE_ROOT": for_instructors(SETTINGS["course_root"]),
    "NN_COURSE_DB_URL": for_instructors(database_url()),  # "": the course root's SQLite file
}
# a class logging in at once on a small machine: JupyterLab may take a minute to answer
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
