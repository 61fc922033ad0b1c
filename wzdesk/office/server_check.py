"""连接测试: can this desk work on the office's server database, and if not, what exactly is wrong (in Chinese).

The check connects with the driver alone (the app's database handle stays on the database the window
has open), reads what the app needs of the database — its collation, its schema version, the pg_trgm
extension, the right to create tables — and answers with one Verdict. An empty database can be set up
from here (`set_up`): the app's tables are created, and the first desk to open it fills in the defaults.
"""

from dataclasses import dataclass

from wzdesk.models.postgres_db import psycopg
from wzdesk.models.schema import SCHEMA_VERSION
from wzdesk.office.server import CREATE_ADVICE, collation_problem
from wzdesk.office.server_address import ServerAddress

TIMEOUT_S = 5
USABLE = ("ready", "upgrade")


@dataclass(frozen=True)
class Verdict:
    """The answer of a connection test: `kind` for the code, `message` for the clerk."""

    kind: str  # ready upgrade empty | unreachable password no_password no_user no_database refused
    #            collation no_trgm not_allowed foreign newer no_driver
    message: str

    @property
    def usable(self) -> bool:
        """Whether the window may open this database now."""
        return self.kind in USABLE

    @property
    def can_set_up(self) -> bool:
        """Whether the database is empty and may be set up from the connection test."""
        return self.kind == "empty"


def check_server(server: ServerAddress, timeout: int = TIMEOUT_S) -> Verdict:
    """Connect to the server's database and say whether the app can work on it, and what is wrong if not."""
    if psycopg is None:
        return Verdict("no_driver", "没有安装 PostgreSQL 驱动（psycopg），无法连接办公室共享数据库："
                                    "请重新安装问政督办台。")
    try:
        conn = psycopg.connect(server.url(), connect_timeout=timeout, autocommit=True,
                               **({"password": server.password} if server.password else {}))
    except psycopg.Error as exc:
        return _refused_connection(server, exc)
    with conn:
        return _inspect(server, conn)


def _refused_connection(server: ServerAddress, exc: Exception) -> Verdict:
    text = str(exc)
    where = f"{server.host}:{server.port}"
    if "password authentication failed" in text:
        return Verdict("password", f"服务器 {where} 拒绝了登录：用户“{server.user}”的密码不对。")
    if "no password supplied" in text:
        return Verdict("no_password", f"服务器 {where} 要求用户“{server.user}”输入密码：请填写密码。")
    if f'role "{server.user}" does not exist' in text:
        return Verdict("no_user", f"服务器 {where} 上没有用户“{server.user}”：请核对用户名，或请信息科建立这个账号。")
    if "does not exist" in text and "database" in text:
        return Verdict("no_database", f"服务器 {where} 上没有名为“{server.database}”的数据库。{CREATE_ADVICE}")
    if "pg_hba.conf" in text:
        return Verdict("refused", f"服务器 {where} 不接受本工位的连接（pg_hba.conf 没有放行）：请信息科放行本机地址。")
    return Verdict("unreachable", f"连接不上数据库服务器 {where}：请检查服务器地址、端口和网络，"
                                  "或请信息科确认数据库服务已启动、防火墙已放行。")


def _inspect(server: ServerAddress, conn) -> Verdict:
    problem = collation_problem(_database_row(conn), server.database)
    if problem:
        return Verdict("collation", problem)
    version = _schema_version(conn)
    if version is None:
        return _empty_verdict(server, conn)
    if version > SCHEMA_VERSION:
        return Verdict("newer", f"数据库“{server.database}”由更新版本的问政督办台使用（数据库版本 {version}，"
                                f"本程序支持到 {SCHEMA_VERSION}）：请先把本工位的问政督办台升级到与其他工位"
                                "相同的版本。")
    cases = conn.execute('SELECT count(*) FROM "case"').fetchone()[0]
    if version < SCHEMA_VERSION:
        return Verdict("upgrade", f"连接正常：台账中有 {cases:,} 件工单。打开时数据库将升级到本版本"
                                  f"（版本 {version} → {SCHEMA_VERSION}），之后其他工位也须使用本版本。")
    return Verdict("ready", f"连接正常：台账中有 {cases:,} 件工单，可以使用。")


def _database_row(conn) -> dict:
    return conn.execute("SELECT to_jsonb(d) || jsonb_build_object('encoding_name', pg_encoding_to_char(d.encoding))"
                        " FROM pg_database d WHERE datname = current_database()").fetchone()[0]


def _schema_version(conn) -> int | None:
    if conn.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
        return None
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return row[0] if row else 0


def _empty_verdict(server: ServerAddress, conn) -> Verdict:
    tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
    if tables:
        return Verdict("foreign", f"数据库“{server.database}”里已有 {tables} 张别的程序的表，不是问政督办台的台账："
                                  "请为问政督办台单独建一个空数据库。")
    if not conn.execute("SELECT has_schema_privilege('public', 'CREATE')").fetchone()[0]:
        return Verdict("not_allowed", f"用户“{server.user}”没有在数据库“{server.database}”中建表的权限：请信息科"
                                      f"执行 ALTER DATABASE {server.database} OWNER TO {server.user}; 或授予建表权限。")
    trgm = _trgm_problem(server, conn)
    if trgm:
        return Verdict("no_trgm", trgm)
    return Verdict("empty", f"连接正常，数据库“{server.database}”还是空的：可以现在为它建立问政督办台的台账"
                            "（建立后各工位都使用这个库）。")


def _trgm_problem(server: ServerAddress, conn) -> str:
    """Say why the search's pg_trgm extension cannot be had in this database ("" when it can)."""
    if conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone():
        return ""
    if not conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").fetchone():
        return ("数据库服务器没有安装 pg_trgm 扩展，问政督办台的搜索需要它：请信息科安装 PostgreSQL 的 contrib 组件"
                f"（Debian/Ubuntu：postgresql-contrib），再在数据库“{server.database}”中执行 CREATE EXTENSION pg_trgm;")
    may_create = conn.execute("SELECT rolsuper OR has_database_privilege(current_database(), 'CREATE')"
                              " FROM pg_roles WHERE rolname = current_user").fetchone()[0]
    if may_create:
        return ""
    return (f"数据库“{server.database}”还没有启用 pg_trgm 扩展，用户“{server.user}”也无权启用：请信息科在这个库中"
            "执行 CREATE EXTENSION pg_trgm;（或把库的所有者设为这个用户）。")


def set_up(server: ServerAddress) -> Verdict:
    """Create the app's tables in the empty database of `server`; return the connection test after.

    The app's models are bound to that database while the tables are made (as migrate-db does): call it
    where nothing else of the process queries meanwhile (the window's own thread)."""
    from wzdesk.models.postgres_db import OfficeDatabase
    from wzdesk.models.schema import ALL_MODELS, migrate

    before = check_server(server)
    if not before.can_set_up:
        return before
    target = OfficeDatabase(server.url(), **({"password": server.password} if server.password else {}))
    try:
        target.connect()
        with target.bind_ctx(ALL_MODELS):  # the tables are made on this database, not on the one open
            migrate(target)
    finally:
        target.close()
    return check_server(server)
