//! `mysql://` URLs with Prisma's parameters. The ones the client library
//! does not know (`connection_limit`, `pool_timeout`, ...) are read here and
//! never passed on.

use migrate_core::driver::DriverError;
use migrate_core::url::{describe_login, host_and_port, ServerUrl, SslAccept, Timeouts};
use std::path::PathBuf;

/// Whether and how the connection is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS (`sslmode=disable`).
    Disable,
    /// TLS when the server offers it, else plain (`sslmode=prefer`, the
    /// default, as Prisma's MySQL connector does).
    Prefer,
    /// TLS or fail; the certificate is verified unless
    /// `sslaccept=accept_invalid_certs`.
    Require,
}

/// A `mysql://` datasource URL (MySQL or MariaDB) in its parts, defaults
/// filled in: what a session needs to reach the server and its database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MysqlUrl {
    /// The user name, percent-decoded; `root` when the URL names none.
    pub user: String,
    /// The password, percent-decoded; `None` when the URL has none or an
    /// empty one.
    pub password: Option<String>,
    /// The host name or IP address (an IPv6 one without brackets),
    /// percent-decoded; `localhost` for a `?socket=` URL that names none.
    pub host: String,
    /// The TCP port, 3306 when the URL names none; unused with `?socket=`.
    pub port: u16,
    /// The database migrations work in; a URL without one cannot migrate.
    pub database: String,
    /// A Unix socket to use instead of TCP (`?socket=`).
    pub socket: Option<PathBuf>,
    /// `sslmode=` (default `prefer`): `disable` or `disabled`, `prefer` or
    /// `preferred`, `require` or `required`; `verify-ca`, `verify-full` and
    /// `verify_identity` are read as `require`.
    pub ssl_mode: SslMode,
    /// `sslaccept=accept_invalid_certs`: TLS for encryption only.
    pub accept_invalid_certs: bool,
    /// `sslcert=`: a PEM file of CA certificates to trust.
    pub ssl_root_cert: Option<PathBuf>,
    /// `connect_timeout=` and `socket_timeout=`.
    pub timeouts: Timeouts,
}

/// The URL a session is opened with: one that does not parse is a
/// connection error.
pub(super) fn session_url(url: &str) -> Result<MysqlUrl, DriverError> {
    MysqlUrl::parse(url).map_err(|e| DriverError::connection(format!("invalid MySQL URL: {e}")))
}

impl MysqlUrl {
    /// Reads a datasource URL, with defaults: user `root`, port 3306,
    /// `sslmode=prefer`, `connect_timeout=5`. It reads `sslmode`, `sslaccept`,
    /// `sslcert`, `socket`, `connect_timeout` and `socket_timeout`, and
    /// ignores the other parameters (Prisma's `connection_limit`,
    /// `pool_timeout`, ...). A URL without a database parses (for
    /// [`MysqlDriver::connect_server`](crate::MysqlDriver::connect_server));
    /// one with neither a host nor `?socket=` does not. The error says what
    /// is wrong, never the password.
    pub fn parse(url: &str) -> Result<MysqlUrl, String> {
        if !url.starts_with("mysql://") {
            return Err("a MySQL URL starts with mysql://".into());
        }
        let url = ServerUrl::parse(url)?;
        if url.host.is_empty() && url.param("socket").is_none_or(str::is_empty) {
            return Err("the URL names no host (mysql://user@host:3306/database)".into());
        }
        let mut parsed = MysqlUrl {
            user: if url.user.is_empty() { "root".into() } else { url.user },
            password: url.password.filter(|p| !p.is_empty()),
            host: if url.host.is_empty() {
                "localhost".into()
            } else {
                url.host
            },
            port: url.port.unwrap_or(3306),
            database: url.database,
            socket: None,
            ssl_mode: SslMode::Prefer,
            accept_invalid_certs: false,
            ssl_root_cert: None,
            timeouts: Timeouts::default(),
        };
        for (key, value) in &url.params {
            parsed.apply(key, value)?;
        }
        Ok(parsed)
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "sslmode" => {
                self.ssl_mode = match value {
                    "disable" | "disabled" => SslMode::Disable,
                    "prefer" | "preferred" => SslMode::Prefer,
                    "require" | "required" | "verify-ca" | "verify-full" | "verify_identity" => SslMode::Require,
                    other => return Err(format!("unknown sslmode `{other}` (use disable, prefer or require)")),
                }
            }
            "sslaccept" => self.accept_invalid_certs = SslAccept::parse(value)? == SslAccept::AcceptInvalidCerts,
            "sslcert" => self.ssl_root_cert = (!value.is_empty()).then(|| PathBuf::from(value)),
            "socket" => self.socket = (!value.is_empty()).then(|| PathBuf::from(value)),
            // Else a timeout, or one of Prisma's pool and client settings:
            // meaningless for migrations.
            _ => {
                self.timeouts.read(key, value)?;
            }
        }
        Ok(())
    }

    /// The same server and credentials, another database.
    pub fn with_database(&self, database: &str) -> MysqlUrl {
        MysqlUrl {
            database: database.to_string(),
            ..self.clone()
        }
    }

    /// For messages: never the password.
    pub fn describe(&self) -> String {
        describe_login(&self.user, &self.host, self.port, &self.database)
    }

    /// Where the server is, as Prisma names it in messages: `host:port`
    /// (an IPv6 host in brackets), or `unix:SOCKET` for `?socket=`.
    pub fn location(&self) -> String {
        match &self.socket {
            Some(socket) => format!("unix:{}", socket.display()),
            None => host_and_port(&self.host, self.port),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn parses_prisma_urls() {
        let u = MysqlUrl::parse(
            "mysql://me:p%40ss@db.example:3307/app?sslaccept=accept_invalid_certs&connection_limit=5&connect_timeout=3",
        )
        .unwrap();
        assert_eq!((u.user.as_str(), u.password.as_deref()), ("me", Some("p@ss")));
        assert_eq!(
            (u.host.as_str(), u.port, u.database.as_str()),
            ("db.example", 3307, "app")
        );
        assert!(u.accept_invalid_certs);
        assert_eq!(u.timeouts.connect, Some(Duration::from_secs(3)));
        assert_eq!(u.timeouts.socket, None);
        let t = MysqlUrl::parse("mysql://h/db?connect_timeout=0&socket_timeout=30").unwrap();
        assert_eq!(
            (t.timeouts.connect, t.timeouts.socket),
            (None, Some(Duration::from_secs(30)))
        );
        assert!(MysqlUrl::parse("mysql://h/db?socket_timeout=soon").is_err());
        assert_eq!(u.describe(), "me@db.example:3307/app");
        let d = MysqlUrl::parse("mysql://127.0.0.1/").unwrap();
        assert_eq!((d.user.as_str(), d.port, d.database.as_str()), ("root", 3306, ""));
        assert_eq!(d.ssl_mode, SslMode::Prefer);
        assert_eq!(
            MysqlUrl::parse("mysql://h/db?sslmode=disable").unwrap().ssl_mode,
            SslMode::Disable
        );
        assert_eq!(
            MysqlUrl::parse("mysql://h/db?sslmode=require").unwrap().ssl_mode,
            SslMode::Require
        );
        assert!(MysqlUrl::parse("mysql://h/db?sslmode=sometimes").is_err());
        assert!(MysqlUrl::parse("mysql://h/db?sslaccept=maybe").is_err());
        assert!(MysqlUrl::parse("postgres://h/db").is_err());
        assert!(MysqlUrl::parse("mysql://").is_err());
        assert!(MysqlUrl::parse("mysql://root@/db").is_err());
        assert!(MysqlUrl::parse("mysql://root@/db?socket=/run/mysqld.sock").is_ok());
        let u = MysqlUrl::parse("mysql://r%40t:p%23w%3F@[::1]/a%20b?sslaccept=accept_invalid_certs#x").unwrap();
        assert_eq!(
            (
                u.user.as_str(),
                u.password.as_deref(),
                u.host.as_str(),
                u.port,
                u.database.as_str()
            ),
            ("r@t", Some("p#w?"), "::1", 3306, "a b")
        );
        assert!(u.accept_invalid_certs);
    }
}
