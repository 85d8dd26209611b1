//! Pieces of database URLs that every server driver reads the same way.

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
        Some(p) => p.parse().map_err(|_| format!("`{p}` is not a port number"))?,
        None => default_port,
    };
    Ok((host.trim_start_matches('[').trim_end_matches(']').to_string(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

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
