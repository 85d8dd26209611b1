//! Pieces of database URLs that every server driver reads the same way, and
//! the masking that keeps credentials out of every message.

/// Percent-decoding of a URL part (`p%40ss` is `p@ss`); bytes that are not
/// UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// A server database URL (`postgresql://`, `mysql://`) in its parts, as the
/// `url` crate reads it (WHATWG, which Prisma's engines use too): user and
/// password percent-decoded, an IPv6 host without its brackets, the
/// database (the path) percent-decoded, the query's parameters
/// form-decoded (`%26` is `&`, `+` a space).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl {
    /// The scheme, lowercase as WHATWG reads it: `postgresql`, `postgres`, `mysql`.
    pub scheme: String,
    /// Empty when the URL names none.
    pub user: String,
    /// The password, percent-decoded; `None` when the URL has none.
    pub password: Option<String>,
    /// Empty when the URL names none (a MySQL `?socket=` URL).
    pub host: String,
    /// The port; `None` when the URL names none (the driver's default applies).
    pub port: Option<u16>,
    /// Empty when the URL names none.
    pub database: String,
    /// The query's parameters in order, form-decoded: `sslmode=require`, `schema=public`.
    pub params: Vec<(String, String)>,
}

impl ServerUrl {
    /// Parses `text`; the error says what is wrong, never what the URL holds.
    pub fn parse(text: &str) -> Result<ServerUrl, String> {
        let url = match url::Url::parse(text) {
            // WHATWG refuses `user@/db`; a MySQL URL with `?socket=` needs no
            // host, so it is read with a stand-in one, then none.
            Err(url::ParseError::EmptyHost) if text.contains("@/") => {
                let url = url::Url::parse(&text.replacen("@/", "@localhost/", 1)).map_err(describe_error)?;
                return Ok(ServerUrl {
                    host: String::new(),
                    ..ServerUrl::from_url(&url)?
                });
            }
            other => other.map_err(describe_error)?,
        };
        ServerUrl::from_url(&url)
    }

    fn from_url(url: &url::Url) -> Result<ServerUrl, String> {
        let host = match url.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Domain(domain)) => percent_decode(domain),
            None => String::new(),
        };
        if url.cannot_be_a_base() {
            return Err("is not a scheme:// URL".into());
        }
        Ok(ServerUrl {
            scheme: url.scheme().to_string(),
            user: percent_decode(url.username()),
            password: url.password().map(percent_decode),
            host,
            port: url.port(),
            database: percent_decode(url.path().trim_start_matches('/').trim_end_matches('/')),
            params: url
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        })
    }

    /// The value of parameter `key` (the last one, if repeated).
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What is wrong with a URL the `url` crate refused, in words (its own
/// messages never contain the URL either).
fn describe_error(e: url::ParseError) -> String {
    match e {
        url::ParseError::InvalidPort => "the port is not a number from 0 to 65535".into(),
        url::ParseError::EmptyHost => "the host is empty".into(),
        url::ParseError::InvalidIpv6Address => "the IPv6 host is not valid (write it in brackets: [::1])".into(),
        url::ParseError::InvalidIpv4Address => "the IPv4 host is not valid".into(),
        url::ParseError::IdnaError | url::ParseError::InvalidDomainCharacter => {
            "the host has a character a host name cannot have (percent-encode `#`, `?`, `/` and `@` in a password)"
                .into()
        }
        other => other.to_string(),
    }
}

/// Prisma's timeouts of a server URL, each a parameter counting whole
/// seconds, `0` for no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// `connect_timeout=` (default 5, as Prisma): the whole connection, TCP,
    /// TLS and the server's handshake, in one budget.
    pub connect: Option<std::time::Duration>,
    /// `socket_timeout=` (Prisma's name): how long one statement may run;
    /// none by default.
    pub socket: Option<std::time::Duration>,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Some(std::time::Duration::from_secs(5)),
            socket: None,
        }
    }
}

impl Timeouts {
    /// Reads the parameter `key=value` if it is one of the timeouts:
    /// whether it is.
    pub fn read(&mut self, key: &str, value: &str) -> Result<bool, String> {
        match key {
            "connect_timeout" => self.connect = seconds(key, value)?,
            "socket_timeout" => self.socket = seconds(key, value)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// A URL parameter counting seconds: `0` is no limit, as in Prisma.
fn seconds(key: &str, value: &str) -> Result<Option<std::time::Duration>, String> {
    let secs: u64 = value
        .parse()
        .map_err(|_| format!("{key} must be a whole number of seconds, not `{value}`"))?;
    Ok((secs > 0).then(|| std::time::Duration::from_secs(secs)))
}

/// Prisma's `sslaccept=` parameter: whether a TLS certificate is verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslAccept {
    /// `strict`: verify the certificate.
    Strict,
    /// `accept_invalid_certs`: encrypt without verifying.
    AcceptInvalidCerts,
}

impl SslAccept {
    /// Reads the parameter's value; the error names the two it may be.
    pub fn parse(value: &str) -> Result<SslAccept, String> {
        match value {
            "strict" => Ok(SslAccept::Strict),
            "accept_invalid_certs" => Ok(SslAccept::AcceptInvalidCerts),
            other => Err(format!(
                "unknown sslaccept `{other}` (use strict or accept_invalid_certs)"
            )),
        }
    }
}

/// `user@host:port/database`, for messages: never the password.
pub fn describe_login(user: &str, host: &str, port: u16, database: &str) -> String {
    format!("{user}@{}/{database}", host_and_port(host, port))
}

/// `host:port`, an IPv6 host in brackets (`[::1]:5432`), as messages name a server.
pub fn host_and_port(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// Parameter names whose values are credentials (`password=`, ADO-style
/// `pwd=`), compared without regard to case.
const SECRET_PARAMETERS: [&str; 2] = ["password", "pwd"];

/// The credentials a URL (or any value given as one) carries, for masking
/// wherever they might be echoed: the user-info password, raw and
/// percent-decoded, and the values of `password=` / `pwd=` parameters.
pub fn secrets_of(url: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (start, end) in secret_ranges(url) {
        let raw = &url[start..end];
        out.push(raw.to_string());
        let decoded = percent_decode(raw);
        if decoded != raw {
            out.push(decoded);
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// `text` with every credential-looking part replaced by `*`s of the same
/// length (so that columns under a source line stay aligned): the password of
/// any `scheme://user:password@`, and the value of any `password=` or `pwd=`
/// parameter, up to the next `&`, `;`, quote or blank.
pub fn mask_credentials(text: &str) -> String {
    replace_secrets(text, |secret| "*".repeat(secret.chars().count()))
}

/// `text` with the same parts as [`mask_credentials`] replaced by `***`
/// whatever their length: for a URL shown whole (`postgres://me:***@db/app`),
/// where no column needs to stay aligned.
pub fn redact_credentials(text: &str) -> String {
    replace_secrets(text, |_| "***".to_string())
}

/// `text` with every occurrence of each non-empty secret in `secrets` (a
/// password the caller knows, as a database may echo it anywhere in a message)
/// replaced by `***`.
pub fn hide_secrets<S: AsRef<str>>(text: &str, secrets: impl IntoIterator<Item = S>) -> String {
    let mut text = text.to_string();
    for secret in secrets {
        let secret = secret.as_ref();
        if !secret.is_empty() && text.contains(secret) {
            text = text.replace(secret, "***");
        }
    }
    text
}

/// `text` with each of its [`secret_ranges`] replaced by what `mask` makes of it.
fn replace_secrets(text: &str, mask: impl Fn(&str) -> String) -> String {
    let ranges = secret_ranges(text);
    if ranges.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in ranges {
        out.push_str(&text[at..start]);
        out.push_str(&mask(&text[start..end]));
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// A database URL as messages may show it: the scheme, user, host, port and
/// path, never a password or the parameters. A value that does not look like
/// a URL is not shown at all.
pub fn describe(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once(':').filter(|(s, _)| is_scheme(s)) else {
        return "(a value that is not a URL, not shown)".to_string();
    };
    let rest = rest.split(['?', ';']).next().unwrap_or_default();
    let Some(rest) = rest.strip_prefix("//") else {
        return format!("{scheme}:{rest}");
    };
    let (authority, path) = rest.split_once('/').map_or((rest, None), |(a, p)| (a, Some(p)));
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => format!("{}@{host}", userinfo.split(':').next().unwrap_or_default()),
        None => authority.to_string(),
    };
    match path {
        Some(path) => format!("{scheme}://{authority}/{path}"),
        None => format!("{scheme}://{authority}"),
    }
}

/// A URL scheme: a letter, then letters, digits, `+`, `-` or `.`.
pub fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Byte ranges of the credentials in `text`, in order, not overlapping.
fn secret_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let stops = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>');
    // `scheme://user:password@host`: from the first `:` after `//` to the
    // last `@` before the end of the authority.
    let mut search = 0;
    while let Some(found) = text[search..].find("://") {
        let authority_start = search + found + 3;
        // A raw `?` or `#` in a password does not end the authority here:
        // masking too much is harmless, showing part of a password is not.
        let authority_len = text[authority_start..]
            .find(|c: char| stops(c) || c == '/')
            .unwrap_or(text.len() - authority_start);
        let authority = &text[authority_start..authority_start + authority_len];
        if let Some(at) = authority.rfind('@') {
            if let Some(colon) = authority[..at].find(':') {
                ranges.push((authority_start + colon + 1, authority_start + at));
            }
        }
        search = authority_start + authority_len.max(1).min(text.len() - authority_start);
        if search >= text.len() {
            break;
        }
    }
    // `password=...` and `pwd=...`, after a separator or at the start.
    let lower = text.to_ascii_lowercase();
    for name in SECRET_PARAMETERS {
        let key = format!("{name}=");
        let mut from = 0;
        while let Some(found) = lower[from..].find(&key) {
            let start = from + found;
            let value_start = start + key.len();
            let after_separator =
                start == 0 || lower[..start].ends_with(|c: char| matches!(c, '?' | '&' | ';') || c.is_whitespace());
            let value_len = text[value_start..]
                .find(|c: char| stops(c) || c == '&' || c == ';')
                .unwrap_or(text.len() - value_start);
            if after_separator && value_len > 0 {
                ranges.push((value_start, value_start + value_len));
            }
            from = value_start;
        }
    }
    ranges.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_every_kind_of_credential() {
        assert_eq!(
            mask_credentials("url = \"postgres://me:s3cr%40t@db:5432/app?sslmode=require\" // x"),
            "url = \"postgres://me:********@db:5432/app?sslmode=require\" // x"
        );
        assert_eq!(
            mask_credentials("sqlserver://h:1433;database=x;user=sa;password=Secr3t-PW;encrypt=true"),
            "sqlserver://h:1433;database=x;user=sa;password=*********;encrypt=true"
        );
        assert_eq!(mask_credentials("a?PWD=x&b=1 Password=yy"), "a?PWD=*&b=1 Password=**");
        assert_eq!(
            mask_credentials("mysql://root@h/db https://x.org/a:b@c"),
            "mysql://root@h/db https://x.org/a:b@c"
        );
        assert_eq!(mask_credentials("p://u:a@b@host/x"), "p://u:***@host/x");
        assert_eq!(mask_credentials("no credentials: a=1"), "no credentials: a=1");
        assert_eq!(mask_credentials("ends with ://"), "ends with ://");
        assert_eq!(mask_credentials("mypassword=x"), "mypassword=x");
    }

    #[test]
    fn secrets_are_found_raw_and_decoded() {
        assert_eq!(secrets_of("postgres://me:s3cr%40t@db/app"), ["s3cr%40t", "s3cr@t"]);
        assert_eq!(secrets_of("sqlserver://h;user=sa;password=Secr3t-PW"), ["Secr3t-PW"]);
        assert!(secrets_of("file:./dev.db").is_empty());
    }

    #[test]
    fn describes_without_password_or_parameters() {
        assert_eq!(
            describe("postgres://u:secret@h:5432/db?password=x"),
            "postgres://u@h:5432/db"
        );
        assert_eq!(describe("sqlserver://h:1433;password=x"), "sqlserver://h:1433");
        assert_eq!(describe("file:./dev.db?x=1"), "file:./dev.db");
        assert_eq!(
            describe("not a url at all Secr3t-PW"),
            "(a value that is not a URL, not shown)"
        );
        assert_eq!(describe(""), "(a value that is not a URL, not shown)");
    }

    #[test]
    fn parses_server_urls_with_the_url_crate() {
        let u = ServerUrl::parse("postgresql://us%40er:p%23ss%3Fw%2Fd@[::1]:6543/my%20db?schema=a%26b&x=1+2").unwrap();
        assert_eq!((u.user.as_str(), u.password.as_deref()), ("us@er", Some("p#ss?w/d")));
        assert_eq!(
            (u.host.as_str(), u.port, u.database.as_str()),
            ("::1", Some(6543), "my db")
        );
        assert_eq!((u.param("schema"), u.param("x")), (Some("a&b"), Some("1 2")));
        // A bracketed IPv6 host without a port (the old splitter read `1` as the port).
        let u = ServerUrl::parse("postgres://[::1]/db").unwrap();
        assert_eq!((u.host.as_str(), u.port), ("::1", None));
        let u = ServerUrl::parse("mysql://root@/app?socket=/run/mysqld.sock").unwrap();
        assert_eq!((u.host.as_str(), u.param("socket")), ("", Some("/run/mysqld.sock")));
        // The fragment is not part of the last parameter.
        let u = ServerUrl::parse("postgres://h/db?schema=s#frag").unwrap();
        assert_eq!(u.param("schema"), Some("s"));
        assert!(ServerUrl::parse("postgres://h:99999/db").unwrap_err().contains("port"));
        assert!(ServerUrl::parse("postgres://[::1/db").unwrap_err().contains("IPv6"));
        let e = ServerUrl::parse("postgres://u:pa#ss@h/db").unwrap_err();
        assert!(!e.contains("pa#ss") && !e.contains("ss@h"), "{e}");
    }

    #[test]
    fn redacts_a_whole_url_and_hides_known_secrets() {
        let url = "postgres://me:pw@db.local:5433/postgres?sslmode=disable";
        assert_eq!(
            redact_credentials(url),
            "postgres://me:***@db.local:5433/postgres?sslmode=disable"
        );
        assert_eq!(redact_credentials("postgres://me@h/db"), "postgres://me@h/db");
        assert_eq!(
            hide_secrets("role me, password s3cret: s3cret refused", Some("s3cret")),
            "role me, password ***: *** refused"
        );
        assert_eq!(hide_secrets("nothing to hide", [""]), "nothing to hide");
        assert_eq!(hide_secrets("nothing to hide", None::<&str>), "nothing to hide");
    }

    #[test]
    fn raw_question_marks_and_hashes_in_passwords_are_masked() {
        assert_eq!(mask_credentials("postgres://u:pa#ss@h/db"), "postgres://u:*****@h/db");
        assert_eq!(mask_credentials("mysql://u:p?w@h/db?x=1"), "mysql://u:***@h/db?x=1");
        assert_eq!(secrets_of("postgres://u:pa#s%3Fs@h/db"), ["pa#s%3Fs", "pa#s?s"]);
    }

    #[test]
    fn decodes() {
        assert_eq!(percent_decode("p%40ss%2f"), "p@ss/");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
