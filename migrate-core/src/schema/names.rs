//! Prisma's default constraint and index names, truncated to the database's
//! identifier limit the way Prisma truncates them (bytes, on a char boundary).

/// Longest identifier a database accepts, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdentifierLimit(pub usize);

impl IdentifierLimit {
    /// PostgreSQL's `NAMEDATALEN - 1`: 63 bytes.
    pub const POSTGRES: IdentifierLimit = IdentifierLimit(63);
    /// MySQL: 64 characters (counted here in bytes).
    pub const MYSQL: IdentifierLimit = IdentifierLimit(64);
    /// SQLite has no limit; Prisma uses 10,000.
    pub const SQLITE: IdentifierLimit = IdentifierLimit(10_000);
}

/// Builds default names for one database's identifier limit.
#[derive(Debug, Clone, Copy)]
pub struct ConstraintNames {
    /// The database's identifier limit.
    pub limit: IdentifierLimit,
}

impl ConstraintNames {
    /// `{table}_pkey`: a primary key's name.
    pub fn primary_key(&self, table: &str) -> String {
        let table = truncate(table, self.limit.0 - "_pkey".len());
        format!("{table}_pkey")
    }

    /// `{table}_{columns}_key`: a unique constraint's name.
    pub fn unique(&self, table: &str, columns: &[&str]) -> String {
        self.suffixed(table, columns, "_key")
    }

    /// `{table}_{columns}_idx`: an index's name.
    pub fn index(&self, table: &str, columns: &[&str]) -> String {
        self.suffixed(table, columns, "_idx")
    }

    /// `{table}_{columns}_fkey`: a foreign key's name.
    pub fn foreign_key(&self, table: &str, columns: &[&str]) -> String {
        self.suffixed(table, columns, "_fkey")
    }

    /// An implicit many-to-many table's name.
    pub fn join_table(&self, relation_name: &str) -> String {
        truncate(&format!("_{relation_name}"), self.limit.0).to_string()
    }

    /// `{table}_A_fkey` / `{table}_B_fkey` of a join table.
    pub fn join_foreign_key(&self, table: &str, column: &str) -> String {
        format!("{}_{column}_fkey", truncate(table, self.limit.0 - 7))
    }

    /// `{table}_AB_pkey` (the join table's primary key) or `{table}_AB_unique` (its unique index).
    pub fn join_unique(&self, table: &str, primary_key: bool) -> String {
        let suffix = if primary_key { "_AB_pkey" } else { "_AB_unique" };
        format!("{}{suffix}", truncate(table, self.limit.0 - suffix.len()))
    }

    /// `{table}_B_index`: the index on a join table's `B` column.
    pub fn join_b_index(&self, table: &str) -> String {
        format!("{}_B_index", truncate(table, self.limit.0 - "_B_index".len()))
    }

    fn suffixed(&self, table: &str, columns: &[&str], suffix: &str) -> String {
        let base = format!("{table}_{}", columns.join("_"));
        let room = self.limit.0 - suffix.len();
        format!("{}{suffix}", truncate(&base, room))
    }
}

fn truncate(s: &str, max_bytes: usize) -> &str {
    if s.len() <= max_bytes {
        return s;
    }
    let mut end = max_bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        let n = ConstraintNames {
            limit: IdentifierLimit::POSTGRES,
        };
        assert_eq!(n.primary_key("User"), "User_pkey");
        assert_eq!(n.unique("User", &["email"]), "User_email_key");
        assert_eq!(
            n.index("Post", &["authorId", "createdAt"]),
            "Post_authorId_createdAt_idx"
        );
        assert_eq!(n.foreign_key("Post", &["authorId"]), "Post_authorId_fkey");
    }

    #[test]
    fn long_names_are_cut_to_the_limit() {
        let n = ConstraintNames {
            limit: IdentifierLimit::POSTGRES,
        };
        let long = "a".repeat(70);
        let name = n.index(&long, &["b"]);
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("aaa_idx"));
        assert_eq!(n.primary_key(&long).len(), 63);
        let multibyte = "é".repeat(40);
        assert!(n.unique(&multibyte, &["x"]).len() <= 63);
    }
}
