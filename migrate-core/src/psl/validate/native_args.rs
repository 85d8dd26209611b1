//! The ranges of native type arguments, as Prisma 6.19.3 checks them
//! (measured with `prisma validate`), in its words.

use crate::psl::datamodel::Provider;

/// Why `name(args)` is out of range for `provider`, if it is.
pub fn range_error(provider: Provider, name: &str, args: &[u32]) -> Option<String> {
    let db = match provider {
        Provider::Postgres => "Postgres",
        Provider::Mysql => "MySQL",
        Provider::Sqlite => return None,
    };
    let written = format!(
        "{name}({})",
        args.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
    );
    let out_of_range = |why: &str| {
        Some(format!(
            "Argument M is out of range for native type `{written}` of {db}: {why}."
        ))
    };
    match (provider, name, args) {
        (Provider::Postgres, "Timestamp" | "Timestamptz" | "Time" | "Timetz", [m]) if *m > 6 => {
            out_of_range("M can range from 0 to 6")
        }
        (Provider::Postgres, "Bit" | "VarBit", [0]) => out_of_range("M must be a positive integer"),
        (Provider::Postgres, "Decimal", [p, _]) if *p == 0 || *p > 1000 => {
            out_of_range("Precision must be positive with a maximum value of 1000")
        }
        (Provider::Mysql, "VarChar", [m]) if *m > 65_535 => out_of_range("M can range from 0 to 65,535"),
        (Provider::Mysql, "Char", [m]) if *m > 255 => out_of_range("M can range from 0 to 255"),
        (Provider::Mysql, "Bit", [m]) if *m == 0 || *m > 64 => out_of_range("M can range from 1 to 64"),
        (Provider::Mysql, "Decimal", [p, _]) if *p == 0 || *p > 65 => out_of_range("Precision can range from 1 to 65"),
        (Provider::Mysql, "Decimal", [_, s]) if *s > 30 => out_of_range("Scale can range from 0 to 30"),
        (_, "Decimal", [p, s]) if s > p => Some(format!(
            "The scale must not be larger than the precision for the {written} native type in {db}."
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_prisma_checks_them() {
        let pg = |n, a: &[u32]| range_error(Provider::Postgres, n, a);
        let my = |n, a: &[u32]| range_error(Provider::Mysql, n, a);
        assert_eq!(pg("Timestamptz", &[6]), None);
        assert!(pg("Timestamptz", &[7])
            .unwrap()
            .contains("`Timestamptz(7)` of Postgres: M can range from 0 to 6"));
        assert!(pg("Bit", &[0]).unwrap().contains("positive"));
        assert_eq!(pg("Decimal", &[1000, 2]), None);
        assert!(pg("Decimal", &[1001, 2]).unwrap().contains("`Decimal(1001,2)`"));
        assert!(pg("Decimal", &[5, 10])
            .unwrap()
            .starts_with("The scale must not be larger"));
        assert_eq!(my("VarChar", &[65_535]), None);
        assert!(my("VarChar", &[70_000]).unwrap().contains("65,535"));
        assert!(my("Char", &[256]).is_some() && my("Bit", &[65]).is_some());
        assert!(my("Decimal", &[66, 2])
            .unwrap()
            .contains("Precision can range from 1 to 65"));
        assert!(my("Decimal", &[65, 31])
            .unwrap()
            .contains("Scale can range from 0 to 30"));
        assert!(my("Decimal", &[5, 10]).unwrap().contains("in MySQL"));
        assert_eq!(range_error(Provider::Sqlite, "Decimal", &[5, 10]), None);
    }
}
