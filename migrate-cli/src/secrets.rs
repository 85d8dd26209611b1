//! The credentials of every database URL this run has seen (and the values
//! of `.env` variables named as secrets), so that the one
//! place that prints errors can mask them, whatever part of the program (or
//! of a database's answer) echoed them.

use std::sync::Mutex;

/// Shorter secrets are masked only where they look like credentials (in a
/// URL's user-info or a `password=` parameter): masking every occurrence of
/// a two-letter password would garble the message around it.
const MIN_MASKED: usize = 4;

static SECRETS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Remembers the credentials of `url`; a value that is not a URL at all is
/// remembered whole, as it may be nothing but a secret.
pub fn remember(url: &str) {
    let mut found = migrate_core::url::secrets_of(url);
    if !url.contains(':') && !url.trim().is_empty() {
        found.push(url.trim().to_string());
    }
    keep(found);
}

fn keep(found: Vec<String>) {
    let mut secrets = SECRETS.lock().unwrap_or_else(|e| e.into_inner());
    for secret in found {
        if secret.chars().count() >= MIN_MASKED && !secrets.contains(&secret) {
            secrets.push(secret);
        }
    }
    // Longest first, so that a secret containing another is masked whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
}

/// Words in a variable's name that say its value is a secret, whole.
const SECRET_NAME_PARTS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PWD",
    "SECRET",
    "TOKEN",
    "KEY",
    "CREDENTIAL",
    "AUTH",
];

/// Remembers what may be secret in the variable `name` set to `value` (by a
/// `.env` file): the credentials of a URL, and the whole value when the
/// name says it is a secret (`DB_PASSWORD`, `API_TOKEN`, ...). Other values
/// (`PGPORT=5432`, a database name) are left readable.
pub fn remember_variable(name: &str, value: &str) {
    let upper = name.to_ascii_uppercase();
    let secret_name = SECRET_NAME_PARTS.iter().any(|part| upper.contains(part));
    let mut found = migrate_core::url::secrets_of(value);
    if secret_name && !value.trim().is_empty() {
        found.push(value.trim().to_string());
    }
    keep(found);
}

/// `text` with every remembered secret and every credential-looking part
/// replaced by `*`s.
pub fn mask(text: &str) -> String {
    let text = migrate_core::url::mask_credentials(text);
    migrate_core::url::hide_secrets(&text, SECRETS.lock().unwrap_or_else(|e| e.into_inner()).iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_what_it_remembered() {
        remember("postgres://u:Marker-Pw%21@h/db");
        remember("not a url Marker-Whole");
        remember("mysql://u:pw@h/db");
        let message = "auth failed for Marker-Pw! and Marker-Pw%21; got not a url Marker-Whole; pw ok";
        assert_eq!(mask(message), "auth failed for *** and ***; got ***; pw ok");
        assert_eq!(mask("x://a:b@c"), "x://a:*@c");
    }

    #[test]
    fn masks_variables_named_as_secrets_and_url_credentials_only() {
        remember_variable("PGPORT", "5432");
        remember_variable("DB_NAME", "p6app");
        remember_variable("DB_PASSWORD", "Hidden-Pw");
        remember_variable("api_token", "Tok-Value");
        remember_variable("SHADOW", "postgres://u:Url-Pw@h/p6app");
        assert_eq!(
            mask("127.0.0.1:5432/p6app Hidden-Pw Tok-Value Url-Pw"),
            "127.0.0.1:5432/p6app *** *** ***"
        );
    }
}
