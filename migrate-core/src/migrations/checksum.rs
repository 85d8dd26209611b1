//! `_prisma_migrations.checksum`: the lowercase hex SHA-256 of the
//! `migration.sql` bytes. A stored checksum also matches the file with its
//! line endings converted (a checkout on Windows must not look edited).

use sha2::{Digest, Sha256};

/// The lowercase hex SHA-256 of a script's bytes, as `_prisma_migrations.checksum` holds it.
pub fn checksum(script: &[u8]) -> String {
    let digest = Sha256::digest(script);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `stored` is the checksum of `script` as it is, or with CRLF
/// turned to LF, or LF to CRLF.
pub fn matches(stored: &str, script: &[u8]) -> bool {
    let stored = stored.to_ascii_lowercase();
    stored == checksum(script) || stored == checksum(&crlf_to_lf(script)) || stored == checksum(&lf_to_crlf(script))
}

fn crlf_to_lf(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\r' && s.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

fn lf_to_crlf(s: &[u8]) -> Vec<u8> {
    let lf = crlf_to_lf(s);
    let mut out = Vec::with_capacity(lf.len() + lf.len() / 16);
    for &b in &lf {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_hex() {
        assert_eq!(
            checksum(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn line_endings_do_not_count_as_edits() {
        let lf = b"CREATE TABLE a (id INT);\nSELECT 1;\n";
        let crlf = b"CREATE TABLE a (id INT);\r\nSELECT 1;\r\n";
        assert!(matches(&checksum(lf), crlf));
        assert!(matches(&checksum(crlf), lf));
        assert!(!matches(&checksum(lf), b"CREATE TABLE b (id INT);\n"));
    }
}
