//! Pieces of database URLs that every server driver reads the same way, and
//! the masking that keeps credentials out of every message.

/// Percent-decoding of a URL part (`p%40ss` is `p@ss`).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `host`, `host:port`, `[::1]:port`; an empty part is `localhost`.
pub fn split_host_port(hostport: &str, default_port: u16) -> Result<(String, u16), String> {
    if hostport.is_empty() {
        return Ok(("localhost".into(), default_port));
    }
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => (h, Some(p)),
        _ => (hostport, None),
    };
    let port = match port {
        Some(p) => p.parse().map_err(|_| "the port is not a number".to_string())?,
        None => default_port,
    };
    Ok((host.trim_start_matches('[').trim_end_matches(']').to_string(), port))
}

/// A URL parameter counting seconds (`connect_timeout`, `socket_timeout`):
/// `0` is no limit, as in Prisma.
pub fn seconds(key: &str, value: &str) -> Result<Option<std::time::Duration>, String> {
    let secs: u64 = value
        .parse()
        .map_err(|_| format!("{key} must be a whole number of seconds, not `{value}`"))?;
    Ok((secs > 0).then(|| std::time::Duration::from_secs(secs)))
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
    let ranges = secret_ranges(text);
    if ranges.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in ranges {
        out.push_str(&text[at..start]);
        out.extend(std::iter::repeat_n('*', text[start..end].chars().count()));
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
        let authority_len = text[authority_start..]
            .find(|c: char| stops(c) || c == '/' || c == '?' || c == '#')
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
    fn decodes_and_splits() {
        assert_eq!(percent_decode("p%40ss%2f"), "p@ss/");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(split_host_port("", 5432).unwrap(), ("localhost".into(), 5432));
        assert_eq!(split_host_port("db:3307", 3306).unwrap(), ("db".into(), 3307));
        assert_eq!(split_host_port("[::1]:3307", 3306).unwrap(), ("::1".into(), 3307));
        assert!(split_host_port("db:x", 3306).is_err());
    }
}
