//! Inline enums: a Prisma enum is the column type `ENUM('A', 'B')` of every
//! column using it (MySQL has no named enum types), so adding or removing a
//! value changes the type of those columns (`MODIFY`).

use super::quote::quote_string;

/// `ENUM('A', 'B')`, as Prisma writes it.
pub fn enum_sql(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| quote_string(v)).collect();
    format!("ENUM({})", quoted.join(", "))
}

/// The values of an enum type as `information_schema.COLUMNS.COLUMN_TYPE`
/// spells it (`enum('a','it''s','back\\slash')`: quotes doubled,
/// backslashes escaped), or of its canonical form; `None` when `column_type`
/// is not an enum.
pub fn enum_values(column_type: &str) -> Option<Vec<String>> {
    let open = column_type.find('(')?;
    if !column_type[..open].trim().eq_ignore_ascii_case("enum") {
        return None;
    }
    let body = column_type[open + 1..].trim_end().strip_suffix(')')?;
    let mut values = Vec::new();
    let mut chars = body.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        match chars.next() {
            None => return Some(values),
            Some('\'') => values.push(quoted_value(&mut chars)?),
            Some(_) => return None,
        }
    }
}

/// The rest of one `'...'` literal, its opening quote already read.
fn quoted_value(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    let mut value = String::new();
    loop {
        match chars.next()? {
            '\'' if chars.next_if_eq(&'\'').is_some() => value.push('\''),
            '\'' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_from_both_spellings() {
        let values = vec!["A".to_string(), "it's".into(), r"back\slash".into(), "x, y".into()];
        let canonical = enum_sql(&values);
        assert_eq!(canonical, r"ENUM('A', 'it''s', 'back\\slash', 'x, y')");
        assert_eq!(enum_values(&canonical), Some(values.clone()));
        let catalog = r"enum('A','it''s','back\\slash','x, y')";
        assert_eq!(enum_values(catalog), Some(values));
        assert_eq!(enum_values("int(11)"), None);
        assert_eq!(enum_values("enum()"), Some(Vec::new()));
    }
}
